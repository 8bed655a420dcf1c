package org.reunify.app;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.reunify.schemas.WireSchema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "schema",
        mixinStandardHelpOptions = true,
        description = {
            "Print the Avro schema of the events on the agency topics, for a client in another language to check its "
                    + "encoder against: the schema (.avsc), its Parsing Canonical Form, or its CRC-64-AVRO "
                    + "fingerprint in hex, bytes in the order they follow C3 01 on the wire.",
            "With --all, every frozen version the stream accepts, oldest first, the current one last."
        })
final class SchemaCommand implements Callable<Integer> {

    enum Format {
        avsc(WireSchema::avsc),
        canonical(WireSchema::canonicalForm),
        fingerprint(WireSchema::fingerprintHex);

        private final Function<WireSchema, String> text;

        Format(Function<WireSchema, String> text) {
            this.text = text;
        }
    }

    @Option(
            names = "--format",
            defaultValue = "avsc",
            description = "avsc, canonical or fingerprint (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(
            names = "--all",
            description = "Every frozen version: avsc as a JSON array, the others one line each, " + "'VERSION VALUE'.")
    boolean all;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println(all ? everyVersion(WireSchema.all()) : format.text.apply(WireSchema.current()));
        out.flush();
        return 0;
    }

    private String everyVersion(List<WireSchema> versions) {
        if (format == Format.avsc) {
            return versions.stream().map(format.text).collect(Collectors.joining(",\n", "[\n", "\n]"));
        }
        return versions.stream()
                .map(version -> version.version() + " " + format.text.apply(version))
                .collect(Collectors.joining("\n"));
    }
}
