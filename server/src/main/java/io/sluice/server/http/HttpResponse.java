package io.sluice.server.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** What a route answers: status, content type, body and extra headers. */
public record HttpResponse(int status, String contentType, byte[] body, Map<String, String> headers)
{
    public static final String JSON = "application/json; charset=utf-8";
    public static final String TEXT = "text/plain; charset=utf-8";

    public HttpResponse
    {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("invalid HTTP status: " + status);
        }
        requireNonNull(contentType, "contentType is null");
        requireNonNull(body, "body is null");
        headers = Map.copyOf(requireNonNull(headers, "headers is null"));
    }

    public static HttpResponse of(int status, String contentType, String body)
    {
        return new HttpResponse(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public static HttpResponse json(int status, String body)
    {
        return of(status, JSON, body);
    }

    /** A plain-text error: the status and a one-line reason, never a stack trace. */
    public static HttpResponse error(int status, String message)
    {
        return of(status, TEXT, status + " " + message + "\n");
    }

    public HttpResponse withHeader(String name, String value)
    {
        Map<String, String> copy = new java.util.HashMap<>(headers);
        copy.put(name, value);
        return new HttpResponse(status, contentType, body, copy);
    }

    public String bodyText()
    {
        return new String(body, StandardCharsets.UTF_8);
    }
}
