package io.newstrends.cli;

import io.newstrends.ingest.Csv;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.to_json;

/** Writes a query result to stdout as an aligned table, CSV, or JSON lines. */
final class OutputFormat {

    /** Cells wider than this are cut in table output; csv and jsonl keep everything. */
    static final int MAX_CELL_WIDTH = 60;

    private OutputFormat() {
    }

    static void write(Dataset<Row> result, String format, PrintStream out) {
        switch (format) {
            case "jsonl" -> result.toJSON().toLocalIterator().forEachRemaining(out::println);
            case "csv" -> csv(result, out);
            default -> table(result, out);
        }
        out.flush();
    }

    private static void csv(Dataset<Row> result, PrintStream out) {
        Dataset<Row> flat = withJsonForNested(result);
        out.println(String.join(",", List.of(result.columns()).stream().map(Csv::quote).toList()));
        flat.toLocalIterator().forEachRemaining(row -> {
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < row.length(); i++) {
                cells.add(Csv.quote(row.isNullAt(i) ? "" : String.valueOf(row.get(i))));
            }
            out.println(String.join(",", cells));
        });
    }

    /** Arrays, structs and maps become JSON text; columns are taken by position, so duplicate names work. */
    private static Dataset<Row> withJsonForNested(Dataset<Row> df) {
        StructField[] fields = df.schema().fields();
        String[] positional = new String[fields.length];
        for (int i = 0; i < fields.length; i++) {
            positional[i] = "_c" + i;
        }
        Dataset<Row> renamed = df.toDF(positional);
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < fields.length; i++) {
            boolean nested = fields[i].dataType() instanceof ArrayType || fields[i].dataType() instanceof StructType
                    || fields[i].dataType() instanceof MapType;
            Column c = col(positional[i]);
            columns.add((nested ? to_json(c) : c).as(fields[i].name()));
        }
        return renamed.select(columns.toArray(new Column[0]));
    }

    private static void table(Dataset<Row> result, PrintStream out) {
        String[] names = result.columns();
        List<String[]> rows = new ArrayList<>();
        result.toLocalIterator().forEachRemaining(row -> {
            String[] cells = new String[names.length];
            for (int i = 0; i < names.length; i++) {
                cells[i] = cut(cell(row.get(i)));
            }
            rows.add(cells);
        });
        int[] widths = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            widths[i] = displayWidth(names[i]);
            for (String[] r : rows) {
                widths[i] = Math.max(widths[i], displayWidth(r[i]));
            }
        }
        out.println(line(names, widths));
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            rule.append(i == 0 ? "" : "  ").append("-".repeat(widths[i]));
        }
        out.println(rule);
        for (String[] r : rows) {
            out.println(line(r, widths));
        }
        out.println("(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
    }

    private static String cell(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof scala.collection.Seq<?> seq) {
            List<String> parts = new ArrayList<>();
            seq.foreach(v -> parts.add(cell(v)));
            return "[" + String.join(", ", parts) + "]";
        }
        if (value instanceof Row row) {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < row.length(); i++) {
                parts.add(cell(row.get(i)));
            }
            return "{" + String.join(", ", parts) + "}";
        }
        return String.valueOf(value).replace("\n", "⏎");
    }

    private static String cut(String s) {
        if (displayWidth(s) <= MAX_CELL_WIDTH) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int cw = charWidth(cp);
            if (w + cw > MAX_CELL_WIDTH - 1) {
                break;
            }
            out.appendCodePoint(cp);
            w += cw;
            i += Character.charCount(cp);
        }
        return out.append('…').toString();
    }

    private static String line(String[] cells, int[] widths) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                sb.append("  ");
            }
            sb.append(cells[i]);
            if (i < cells.length - 1) {
                sb.append(" ".repeat(widths[i] - displayWidth(cells[i])));
            }
        }
        return sb.toString().stripTrailing();
    }

    /** Terminal columns: East Asian wide characters take two. */
    static int displayWidth(String s) {
        return s.codePoints().map(OutputFormat::charWidth).sum();
    }

    private static int charWidth(int cp) {
        return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60)
                || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD) ? 2 : 1;
    }
}
