package org.reunify.streams;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.reunify.streams.rules.AgencyReports;
import org.reunify.streams.rules.CaseSummary;
import org.reunify.streams.rules.EventRef;
import org.reunify.streams.rules.Report;

/** A case's summary in the case-summaries store and its changelog. */
final class CaseSummarySerde extends StateCodec<CaseSummary> {

    CaseSummarySerde() {
        super("a case summary", 1);
    }

    @Override
    void write(CaseSummary summary, DataOutputStream out) throws IOException {
        out.writeLong(summary.updatedAt());
        out.writeInt(summary.namedRegions().size());
        for (String region : summary.namedRegions()) {
            out.writeUTF(region);
        }
        out.writeInt(summary.agencies().size());
        for (AgencyReports agency : summary.agencies()) {
            out.writeUTF(agency.agency());
            writeReport(out, agency.latestDeportation());
            writeReport(out, agency.latestReturn());
        }
    }

    @Override
    CaseSummary read(DataInputStream in) throws IOException {
        long updatedAt = in.readLong();
        int regionCount = readCount(in);
        TreeSet<String> regions = new TreeSet<>();
        for (int r = 0; r < regionCount; r++) {
            regions.add(in.readUTF());
        }
        int agencyCount = readCount(in);
        List<AgencyReports> agencies = new ArrayList<>();
        for (int a = 0; a < agencyCount; a++) {
            String agency = in.readUTF();
            agencies.add(new AgencyReports(agency, readReport(in, agency), readReport(in, agency)));
        }
        return new CaseSummary(updatedAt, regions, agencies);
    }

    private static void writeReport(DataOutputStream out, Report report) throws IOException {
        out.writeBoolean(report != null);
        if (report != null) {
            out.writeUTF(report.ref().eventId());
            out.writeLong(report.reportedAt());
            writeNullable(out, report.region());
            writeNullable(out, report.destination());
        }
    }

    private static Report readReport(DataInputStream in, String agency) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        return new Report(new EventRef(agency, in.readUTF()), in.readLong(), readNullable(in), readNullable(in));
    }
}
