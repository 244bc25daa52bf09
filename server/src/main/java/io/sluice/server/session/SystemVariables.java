package io.sluice.server.session;

import io.sluice.storage.error.ErrorCode;
import io.sluice.storage.error.SluiceException;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The MySQL system variables clients read (Connector/J reads ~19 at connect and fails unless each has a parseable
 * value) and set. One instance per session, starting from the global defaults.
 *
 * <p>{@code time_zone} is checked when set, as MySQL does: {@code SYSTEM} (the server's zone), an offset from
 * {@code -13:59} to {@code +14:00}, or a named zone such as {@code Asia/Shanghai}; anything else is error 1298.
 */
public final class SystemVariables
{
    public static final String VERSION_COMMENT = "Sluice 0.1.0, StarRocks-compatible routine load";

    private static final String TIME_ZONE = "time_zone";
    private static final String SYSTEM_TIME_ZONE = "SYSTEM";
    private static final Pattern TIME_ZONE_OFFSET = Pattern.compile("([+-])(\\d{1,2}):(\\d{2})");
    /** MySQL's range of offsets, in minutes. */
    private static final int MINIMUM_OFFSET_MINUTES = -(13 * 60 + 59);
    private static final int MAXIMUM_OFFSET_MINUTES = 14 * 60;
    private static final Map<String, Object> DEFAULTS = defaults();

    private final Map<String, Object> values = new TreeMap<>(DEFAULTS);
    private ZoneId timeZone = ZoneId.systemDefault();

    private static Map<String, Object> defaults()
    {
        String zone = ZoneId.systemDefault().getId();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("auto_increment_increment", 1L);
        values.put("auto_increment_offset", 1L);
        values.put("autocommit", 1L);
        values.put("character_set_client", "utf8mb4");
        values.put("character_set_connection", "utf8mb4");
        values.put("character_set_database", "utf8mb4");
        values.put("character_set_results", "utf8mb4");
        values.put("character_set_server", "utf8mb4");
        values.put("character_set_system", "utf8mb3");
        values.put("collation_connection", "utf8mb4_general_ci");
        values.put("collation_database", "utf8mb4_general_ci");
        values.put("collation_server", "utf8mb4_general_ci");
        values.put("default_storage_engine", "OLAP");
        values.put("init_connect", "");
        values.put("interactive_timeout", 28800L);
        values.put("language", "/usr/share/mysql/");
        values.put("license", "Apache License 2.0");
        values.put("lower_case_table_names", 0L);
        values.put("max_allowed_packet", 67108864L);
        values.put("max_connections", 151L);
        values.put("max_prepared_stmt_count", 16382L);
        values.put("max_execution_time", 0L);
        values.put("net_buffer_length", 16384L);
        values.put("net_read_timeout", 30L);
        values.put("net_write_timeout", 60L);
        values.put("performance_schema", 0L);
        values.put("query_cache_size", 0L);
        values.put("query_cache_type", "OFF");
        values.put("query_timeout", 300L);
        values.put("sql_auto_is_null", 0L);
        values.put("sql_mode", "ONLY_FULL_GROUP_BY");
        values.put("sql_safe_updates", 0L);
        values.put("sql_select_limit", Long.MAX_VALUE);
        values.put("system_time_zone", zone);
        values.put(TIME_ZONE, SYSTEM_TIME_ZONE);
        values.put("transaction_isolation", "REPEATABLE-READ");
        values.put("transaction_read_only", 0L);
        values.put("tx_isolation", "REPEATABLE-READ");
        values.put("tx_read_only", 0L);
        values.put("version", "8.0.33-sluice-0.1.0");
        values.put("version_comment", VERSION_COMMENT);
        values.put("version_compile_os", "Linux");
        values.put("wait_timeout", 28800L);
        return Map.copyOf(values);
    }

    /** The value (Long or String) of a variable, or an error 1193 for an unknown one. */
    public Object get(String name)
    {
        Object value = values.get(normalize(name));
        if (value == null) {
            throw new SluiceException(ErrorCode.UNKNOWN_SYSTEM_VARIABLE, "Unknown system variable '" + name + "'");
        }
        return value;
    }

    public Optional<Object> find(String name)
    {
        return Optional.ofNullable(values.get(normalize(name)));
    }

    /** The session's time zone, which date and time functions (NOW(), FROM_UNIXTIME()...) work in. */
    public ZoneId timeZone()
    {
        return timeZone;
    }

    /** Sets a variable; {@code null} value means DEFAULT. Unknown variables are accepted and kept, as StarRocks does. */
    public void set(String name, Object value)
    {
        String key = normalize(name);
        if (value == null) {
            Object defaultValue = DEFAULTS.get(key);
            if (defaultValue == null) {
                values.remove(key);
            }
            else {
                values.put(key, defaultValue);
            }
            if (key.equals(TIME_ZONE)) {
                timeZone = ZoneId.systemDefault();
            }
            return;
        }
        if (key.equals(TIME_ZONE)) {
            String text = value instanceof String string ? string : String.valueOf(value instanceof Boolean bool ? (bool ? 1 : 0) : value);
            timeZone = parseTimeZone(text);
            values.put(key, text);
            return;
        }
        if (value instanceof Boolean bool) {
            value = bool ? 1L : 0L;
        }
        if (value instanceof String text && DEFAULTS.get(key) instanceof Long) {
            String upper = text.toUpperCase(Locale.ROOT);
            value = switch (upper) {
                case "ON", "TRUE" -> 1L;
                case "OFF", "FALSE" -> 0L;
                default -> parseLong(name, text);
            };
        }
        if (key.equals("transaction_isolation") || key.equals("tx_isolation")) {
            values.put("transaction_isolation", value);
            values.put("tx_isolation", value);
            return;
        }
        values.put(key, value);
    }

    private static long parseLong(String name, String text)
    {
        try {
            return Long.parseLong(text.trim());
        }
        catch (NumberFormatException e) {
            throw new SluiceException(ErrorCode.WRONG_VALUE_FOR_VARIABLE, "Variable '" + name + "' can't be set to the value of '" + text + "'");
        }
    }

    public Map<String, Object> all()
    {
        return Map.copyOf(values);
    }

    public void reset()
    {
        values.clear();
        values.putAll(DEFAULTS);
        timeZone = ZoneId.systemDefault();
    }

    /** A {@code time_zone} value as MySQL reads it; error 1298 for anything else. */
    public static ZoneId parseTimeZone(String text)
    {
        String trimmed = text.trim();
        if (trimmed.equalsIgnoreCase(SYSTEM_TIME_ZONE)) {
            return ZoneId.systemDefault();
        }
        Matcher offset = TIME_ZONE_OFFSET.matcher(trimmed);
        if (offset.matches()) {
            int hours = Integer.parseInt(offset.group(2));
            int minutes = Integer.parseInt(offset.group(3));
            int total = (hours * 60 + minutes) * (offset.group(1).equals("-") ? -1 : 1);
            if (minutes < 60 && total >= MINIMUM_OFFSET_MINUTES && total <= MAXIMUM_OFFSET_MINUTES) {
                return ZoneOffset.ofTotalSeconds(total * 60);
            }
        }
        else {
            String named = NamedZones.IDS.get(trimmed.toLowerCase(Locale.ROOT));
            if (named != null) {
                return ZoneId.of(named);
            }
        }
        throw new SluiceException(ErrorCode.UNKNOWN_TIME_ZONE, "Unknown or incorrect time zone: '" + text + "'");
    }

    /** The region ids (Asia/Shanghai, UTC...) by lower case name, built at the first named zone a session sets. */
    private static final class NamedZones
    {
        static final Map<String, String> IDS = ids();

        private static Map<String, String> ids()
        {
            Map<String, String> ids = new HashMap<>();
            for (String id : ZoneId.getAvailableZoneIds()) {
                ids.put(id.toLowerCase(Locale.ROOT), id);
            }
            return Map.copyOf(ids);
        }
    }

    /** Strips {@code @@}, {@code session.}, {@code global.}, {@code local.} and lower-cases. */
    public static String normalize(String name)
    {
        String result = name.trim();
        if (result.startsWith("@@")) {
            result = result.substring(2);
        }
        String lower = result.toLowerCase(Locale.ROOT);
        for (String prefix : new String[] {"session.", "global.", "local."}) {
            if (lower.startsWith(prefix)) {
                return lower.substring(prefix.length());
            }
        }
        return lower;
    }
}
