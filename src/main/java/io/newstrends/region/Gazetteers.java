package io.newstrends.region;

/** One gazetteer per JVM, loaded on first use (on executors too) from the application jar. */
public final class Gazetteers {

    private Gazetteers() {
    }

    private static final class Holder {
        static final Gazetteer SHARED = Gazetteer.load();
    }

    public static Gazetteer shared() {
        return Holder.SHARED;
    }
}
