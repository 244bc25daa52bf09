package io.sluice.storage.exec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LikePatternTest
{
    @Test
    void fastShapesAndGeneralPatterns()
    {
        assertMatches("abc", "abc", true);
        assertMatches("abc", "abcd", false);
        assertMatches("ab%", "abcd", true);
        assertMatches("ab%", "xab", false);
        assertMatches("%cd", "abcd", true);
        assertMatches("%bc%", "abcd", true);
        assertMatches("%%", "", true);
        assertMatches("%", "anything", true);
        assertMatches("a%c%e", "abcde", true);
        assertMatches("a%c%e", "abcd", false);
        assertMatches("a%%b", "ab", true);
        assertMatches("%a%a%a%a%b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false);
        assertMatches("_b_", "abc", true);
        assertMatches("_b_", "ab", false);
        assertMatches("%_", "", false);
        assertMatches("", "", true);
        assertMatches("", "a", false);
    }

    @Test
    void escapes()
    {
        assertMatches("100\\%", "100%", true);
        assertMatches("100\\%", "1000", false);
        assertMatches("a\\_b", "a_b", true);
        assertMatches("a\\_b", "axb", false);
        assertMatches("a\\\\b", "a\\b", true);
        assertMatches("a\\b", "ab", true);
        assertMatches("ab\\", "ab\\", true);
        assertMatches("ab\\", "ab", false);
        assertMatches("\\%%", "%abc", true);
        assertMatches("\\%%", "abc", false);
    }

    @Test
    void underscoreIsOneCodePoint()
    {
        assertMatches("_", "😀", true);
        assertMatches("__", "😀", false);
        assertMatches("a_c", "a😀c", true);
        assertMatches("%_", "😀", true);
        assertMatches("%😀_", "x😀😀", true);
        assertMatches("_%😀", "😀x😀", true);
        assertMatches("😀%", "😀", true);
    }

    @Test
    void caseSensitive()
    {
        assertMatches("abc", "ABC", false);
        assertMatches("a%", "Abc", false);
    }

    private static void assertMatches(String pattern, String value, boolean matches)
    {
        assertThat(LikePattern.compile(pattern).matches(value)).as("'%s' LIKE '%s'", value, pattern).isEqualTo(matches);
        assertThat(ReferenceEvaluator.likeRegex(pattern).matcher(value).matches()).as("reference: '%s' LIKE '%s'", value, pattern).isEqualTo(matches);
    }
}
