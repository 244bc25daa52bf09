package io.sluice.server.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Maps a method and a path to a handler. Patterns are literal segments and {@code {}} for one non-empty segment
 * (handed to the handler percent-decoded). A path no pattern matches is 404; a path some pattern matches with another
 * method is 405 with an Allow header; a path or query that is not valid percent-encoded UTF-8 is 400. HEAD is answered
 * like GET (the endpoint drops the body). A handler that throws answers 500 without details: they go to the log.
 */
public final class HttpRouter
{
    private static final Logger log = LoggerFactory.getLogger(HttpRouter.class);

    /** A request as handlers see it. */
    public record Request(String method, String path, List<String> pathParameters, Map<String, String> query)
    {
        public Request
        {
            requireNonNull(method, "method is null");
            requireNonNull(path, "path is null");
            pathParameters = List.copyOf(pathParameters);
            query = Map.copyOf(query);
        }

        public String pathParameter(int index)
        {
            return pathParameters.get(index);
        }
    }

    @FunctionalInterface
    public interface Handler
    {
        HttpResponse handle(Request request);
    }

    private record Route(String method, String[] segments, Handler handler) {}

    private final List<Route> routes;

    private HttpRouter(List<Route> routes)
    {
        this.routes = List.copyOf(routes);
    }

    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * Answers a request. {@code rawPath} and {@code rawQuery} are as sent (percent-encoded); {@code rawQuery} may be
     * null.
     */
    public HttpResponse route(String method, String rawPath, String rawQuery)
    {
        if (rawPath == null || !rawPath.startsWith("/")) {
            return HttpResponse.error(400, "Bad Request");
        }
        String effectiveMethod = method.equals("HEAD") ? "GET" : method;
        String[] segments = rawPath.equals("/") ? new String[0] : rawPath.substring(1).split("/", -1);
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            List<String> parameters;
            try {
                parameters = match(route.segments(), segments);
            }
            catch (IllegalArgumentException e) {
                return HttpResponse.error(400, "Bad Request: " + e.getMessage());
            }
            if (parameters == null) {
                continue;
            }
            if (!route.method().equals(effectiveMethod)) {
                allowed.add(route.method());
                continue;
            }
            Map<String, String> query;
            try {
                query = parseQuery(rawQuery);
            }
            catch (IllegalArgumentException e) {
                return HttpResponse.error(400, "Bad Request: " + e.getMessage());
            }
            try {
                return route.handler().handle(new Request(effectiveMethod, rawPath, parameters, query));
            }
            catch (RuntimeException e) {
                log.warn("HTTP {} {} failed", method, rawPath, e);
                return HttpResponse.error(500, "Internal Server Error");
            }
        }
        if (!allowed.isEmpty()) {
            if (allowed.contains("GET")) {
                allowed.add("HEAD");
            }
            return HttpResponse.error(405, "Method Not Allowed").withHeader("Allow", String.join(", ", allowed));
        }
        return HttpResponse.error(404, "Not Found");
    }

    /** The decoded parameters when the path matches, else null. */
    private static List<String> match(String[] pattern, String[] segments)
    {
        if (pattern.length != segments.length) {
            return null;
        }
        List<String> parameters = new ArrayList<>();
        for (int i = 0; i < pattern.length; i++) {
            if (pattern[i].equals("{}")) {
                if (segments[i].isEmpty()) {
                    return null;
                }
                parameters.add(percentDecode(segments[i], false));
            }
            else if (!pattern[i].equals(segments[i])) {
                return null;
            }
        }
        return parameters;
    }

    static Map<String, String> parseQuery(String rawQuery)
    {
        Map<String, String> query = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = percentDecode(equals < 0 ? pair : pair.substring(0, equals), true);
            String value = equals < 0 ? "" : percentDecode(pair.substring(equals + 1), true);
            query.putIfAbsent(name, value);
        }
        return query;
    }

    /** Percent-decodes UTF-8; in a query, '+' is a space. Throws IllegalArgumentException for malformed input. */
    static String percentDecode(String text, boolean plusIsSpace)
    {
        if (text.indexOf('%') < 0 && (!plusIsSpace || text.indexOf('+') < 0)) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char character = text.charAt(i);
            if (character == '%') {
                if (i + 2 >= text.length()) {
                    throw new IllegalArgumentException("truncated percent escape");
                }
                int high = Character.digit(text.charAt(i + 1), 16);
                int low = Character.digit(text.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    throw new IllegalArgumentException("invalid percent escape");
                }
                bytes.write(high * 16 + low);
                i += 2;
            }
            else if (character == '+' && plusIsSpace) {
                bytes.write(' ');
            }
            else {
                byte[] encoded = String.valueOf(character).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        }
        catch (CharacterCodingException e) {
            throw new IllegalArgumentException("percent escapes are not UTF-8");
        }
    }

    public static final class Builder
    {
        private final List<Route> routes = new ArrayList<>();

        private Builder() {}

        public Builder get(String pattern, Handler handler)
        {
            return add("GET", pattern, handler);
        }

        public Builder add(String method, String pattern, Handler handler)
        {
            requireNonNull(method, "method is null");
            requireNonNull(pattern, "pattern is null");
            requireNonNull(handler, "handler is null");
            if (!pattern.startsWith("/")) {
                throw new IllegalArgumentException("pattern must start with '/': " + pattern);
            }
            String[] segments = pattern.equals("/") ? new String[0] : pattern.substring(1).split("/", -1);
            routes.add(new Route(method, segments, handler));
            return this;
        }

        public HttpRouter build()
        {
            return new HttpRouter(routes);
        }
    }
}
