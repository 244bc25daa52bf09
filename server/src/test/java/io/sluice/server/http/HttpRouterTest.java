package io.sluice.server.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HttpRouterTest
{
    private final HttpRouter router = HttpRouter.builder()
            .get("/", request -> HttpResponse.of(200, HttpResponse.TEXT, "index"))
            .get("/api/jobs", request -> HttpResponse.json(200, "[]"))
            .get("/api/jobs/{}/rejected", request -> HttpResponse.of(200, HttpResponse.TEXT,
                    request.pathParameter(0) + "|" + request.query().getOrDefault("database", "-")))
            .add("POST", "/api/echo", request -> HttpResponse.of(201, HttpResponse.TEXT, "posted"))
            .get("/boom", request -> {
                throw new IllegalStateException("secret internals");
            })
            .build();

    @Test
    void routesByPath()
    {
        assertThat(router.route("GET", "/", null).bodyText()).isEqualTo("index");
        assertThat(router.route("GET", "/api/jobs", "").bodyText()).isEqualTo("[]");
        assertThat(router.route("POST", "/api/echo", null).status()).isEqualTo(201);
    }

    @Test
    void decodesPathParametersAndQuery()
    {
        HttpResponse response = router.route("GET", "/api/jobs/my%20job%2Fx/rejected", "database=s%C3%A9+1&database=ignored");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyText()).isEqualTo("my job/x|sé 1");
    }

    @Test
    void unknownPathIs404()
    {
        assertThat(router.route("GET", "/nope", null).status()).isEqualTo(404);
        assertThat(router.route("GET", "/api/jobs/", null).status()).isEqualTo(404);
        assertThat(router.route("GET", "/api/jobs//rejected", null).status()).isEqualTo(404);
        assertThat(router.route("GET", "/api/jobs/x/rejected/more", null).status()).isEqualTo(404);
        assertThat(router.route("DELETE", "/nope", null).status()).isEqualTo(404);
    }

    @Test
    void wrongMethodIs405WithAllow()
    {
        HttpResponse response = router.route("POST", "/api/jobs", null);
        assertThat(response.status()).isEqualTo(405);
        assertThat(response.headers()).containsEntry("Allow", "GET, HEAD");
        assertThat(router.route("GET", "/api/echo", null).status()).isEqualTo(405);
        assertThat(router.route("GET", "/api/echo", null).headers()).containsEntry("Allow", "POST");
        assertThat(router.route("BREW", "/", null).status()).isEqualTo(405);
    }

    @Test
    void headIsAnsweredLikeGet()
    {
        assertThat(router.route("HEAD", "/api/jobs", null).status()).isEqualTo(200);
    }

    @Test
    void malformedEncodingIs400()
    {
        assertThat(router.route("GET", "/api/jobs/%zz/rejected", null).status()).isEqualTo(400);
        assertThat(router.route("GET", "/api/jobs/%e/rejected", null).status()).isEqualTo(400);
        assertThat(router.route("GET", "/api/jobs/%C3%28/rejected", null).status()).isEqualTo(400);
        assertThat(router.route("GET", "/api/jobs/x/rejected", "database=%").status()).isEqualTo(400);
        assertThat(router.route("GET", "*", null).status()).isEqualTo(400);
        assertThat(router.route("GET", null, null).status()).isEqualTo(400);
    }

    @Test
    void failingHandlerIs500WithoutDetails()
    {
        HttpResponse response = router.route("GET", "/boom", null);
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.bodyText()).doesNotContain("secret").doesNotContain("Exception");
    }
}
