package io.newstrends.analyze;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.struct;

/**
 * A group's most frequent part-of-speech tag, ties going to the greatest tag (the order of
 * {@code max(struct(count, pos))}), aggregated as one long.
 *
 * <p>Spark aggregates in a hash map only when every aggregation buffer is a fixed-width number;
 * a buffer holding a string, such as {@code max(struct(count, pos))}, makes the whole aggregation
 * sort its rows first, which for {@code term_daily} meant sorting ten million rows. The tags are
 * few (HanLP's tag set), so they are listed once from the input and the tag travels as its index:
 * {@code count × n + index}, whose maximum is the highest count and, among equal counts, the
 * greatest tag. More tags than {@link #MAX_TAGS} fall back to the struct.
 */
final class TopTag {

    static final int MAX_TAGS = 4096;
    private static final String PACKED = "top_tag";

    private final String[] tags;

    private TopTag(String[] tags) {
        this.tags = tags;
    }

    /** The tags of {@code rows}' {@code pos} column, sorted as Spark sorts strings (by UTF-8 bytes). */
    static TopTag of(Dataset<Row> rows) {
        List<Row> distinct = rows.select("pos").where(col("pos").isNotNull()).distinct().limit(MAX_TAGS + 1)
                .collectAsList();
        return new TopTag(distinct.stream().map(r -> r.getString(0))
                .sorted(Comparator.comparing(t -> t.getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned))
                .toArray(String[]::new));
    }

    private boolean packs() {
        return tags.length > 0 && tags.length <= MAX_TAGS;
    }

    /** The aggregate over rows with {@code count} and {@code pos}; {@link #tag()} reads the tag from its result. */
    Column aggregate() {
        if (!packs()) {
            return max(struct(col("count"), col("pos"))).as(PACKED);
        }
        Column index = array_position(lit(tags), col("pos")).minus(1);
        return max(col("count").cast(DataTypes.LongType).multiply(tags.length).plus(index)).as(PACKED);
    }

    /** The group's tag, from the column {@link #aggregate()} made. */
    Column tag() {
        if (!packs()) {
            return col(PACKED).getField("pos");
        }
        return element_at(lit(tags), pmod(col(PACKED), lit((long) tags.length)).plus(1).cast(DataTypes.IntegerType));
    }

    /** The name of the column {@link #aggregate()} makes; drop it after reading {@link #tag()}. */
    static String column() {
        return PACKED;
    }
}
