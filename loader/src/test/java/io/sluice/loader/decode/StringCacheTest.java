package io.sluice.loader.decode;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StringCacheTest
{
    @Test
    void repeatedTextsShareOneString()
    {
        StringCache cache = new StringCache();
        Map<String, String> first = new HashMap<>();
        int shared = 0;
        for (int i = 0; i < 20_000; i++) {
            String text = "customer" + (i % 1000);
            String value = i % 2 == 0 ? fromChars(cache, text) : fromBytes(cache, text);
            assertThat(value).isEqualTo(text);
            String earlier = first.putIfAbsent(text, value);
            if (earlier == value) {
                shared++;
            }
        }
        // A thousand distinct values fit: almost every repeat is the first String again.
        assertThat(shared).isGreaterThan(17_000);
    }

    @Test
    void valuesThatDoNotRepeatAreStillRight()
    {
        StringCache cache = new StringCache();
        for (int i = 0; i < 50_000; i++) {
            String text = "user" + i;
            assertThat(i % 2 == 0 ? fromChars(cache, text) : fromBytes(cache, text)).isEqualTo(text);
        }
        // Resting after so many misses, it still answers, and repeats come back once it looks again.
        assertThat(fromChars(cache, "active")).isEqualTo("active");
    }

    @Test
    void longTextsAreNotKept()
    {
        StringCache cache = new StringCache();
        String text = "x".repeat(100);

        assertThat(fromChars(cache, text)).isEqualTo(text).isNotSameAs(fromChars(cache, text));
    }

    @Test
    void textsOfEqualHashAreTold()
    {
        StringCache cache = new StringCache();
        // "Aa" and "BB" have the same String hash.
        assertThat(fromChars(cache, "Aa")).isEqualTo("Aa");
        assertThat(fromChars(cache, "BB")).isEqualTo("BB");
        assertThat(fromChars(cache, "Aa")).isEqualTo("Aa");
        assertThat(fromBytes(cache, "BB")).isEqualTo("BB");
    }

    private static String fromChars(StringCache cache, String text)
    {
        char[] chars = ("<" + text + ">").toCharArray();
        return cache.get(chars, 1, text.length());
    }

    private static String fromBytes(StringCache cache, String text)
    {
        byte[] bytes = ("<" + text + ">").getBytes(StandardCharsets.US_ASCII);
        return cache.get(bytes, 1, text.length());
    }
}
