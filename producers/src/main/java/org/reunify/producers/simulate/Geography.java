package org.reunify.producers.simulate;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import org.reunify.schemas.Destinations;

/** Where simulated children were taken from and to, weighted after the published patterns. */
final class Geography {

    static final String DONETSK = "UA-14";
    static final String LUHANSK = "UA-09";
    static final String KHERSON = "UA-65";
    static final String ZAPORIZHZHIA = "UA-23";
    static final String KHARKIV = "UA-63";
    static final String CRIMEA = "UA-43";
    static final String SEVASTOPOL = "UA-40";

    /** The occupied and front-line regions most cases come from. */
    static final List<String> FRONT = List.of(DONETSK, LUHANSK, KHERSON, ZAPORIZHZHIA, KHARKIV, CRIMEA);
    /** Mykolaiv, Sumy, Chernihiv, Kyiv Oblast, Dnipropetrovsk: occupied in part or for a while in 2022. */
    static final List<String> SECOND_TIER = List.of("UA-48", "UA-59", "UA-74", "UA-32", "UA-12");
    /** Occupied since 2014: the only regions with deportations before 2022. */
    static final Set<String> OCCUPIED_SINCE_2014 = Set.of(DONETSK, LUHANSK, CRIMEA, SEVASTOPOL);

    static final LocalDate FULL_SCALE_INVASION = LocalDate.of(2022, 2, 24);
    private static final List<String> SINCE_2014 = List.of(DONETSK, LUHANSK, CRIMEA, SEVASTOPOL);

    private static final Weighted<String> HOME = new Weighted<String>()
            .add(DONETSK, 200)
            .add(KHERSON, 150)
            .add(LUHANSK, 140)
            .add(ZAPORIZHZHIA, 130)
            .add(KHARKIV, 100)
            .add(CRIMEA, 60)
            .add("UA-48", 40)
            .add("UA-59", 30)
            .add("UA-74", 30)
            .add("UA-32", 30)
            .add("UA-12", 30)
            .add(SEVASTOPOL, 10)
            .add("UA-51", 9)
            .add("UA-30", 6)
            .add("UA-53", 5)
            .add("UA-18", 4)
            .add("UA-71", 3)
            .add("UA-35", 3)
            .add("UA-05", 3)
            .add("UA-46", 3)
            .add("UA-07", 2)
            .add("UA-21", 2)
            .add("UA-26", 2)
            .add("UA-56", 2)
            .add("UA-61", 2)
            .add("UA-68", 2)
            .add("UA-77", 2);

    private static final Weighted<String> DESTINATION = new Weighted<String>()
            .add("RU", 7800)
            .add(Destinations.OCCUPIED_CODE, 800)
            .add("BY", 700)
            .add(null, 695)
            .add("KP", 5);

    private final Random random;

    Geography(Random random) {
        this.random = random;
    }

    /** The region a case is from. */
    String home() {
        return HOME.pick(random);
    }

    /**
     * Another agency's (or a clerk's mistaken) reading of where a child taken on {@code day} was taken from: a
     * front-line region other than {@code region}, one occupied since 2014 if the day is before 2022.
     */
    String otherRegion(String region, LocalDate day) {
        List<String> candidates = day.isBefore(FULL_SCALE_INVASION) ? SINCE_2014 : FRONT;
        String other;
        do {
            other = candidates.get(random.nextInt(candidates.size()));
        } while (other.equals(region));
        return other;
    }

    /** Where the child was taken: RU mostly, some BY and OCCUPIED, very rarely KP; null when not known. */
    String destination() {
        return DESTINATION.pick(random);
    }

    /** A destination other than {@code destination}: what a conflicting re-entry of the same report says. */
    String destinationOtherThan(String destination) {
        String other;
        do {
            other = destination();
        } while (Objects.equals(other, destination));
        return other;
    }
}
