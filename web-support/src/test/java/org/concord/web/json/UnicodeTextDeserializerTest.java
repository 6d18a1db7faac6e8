package org.concord.web.json;

import org.concord.web.problem.ProblemDetailsExceptionHandler;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

class UnicodeTextDeserializerTest {

    private final JsonMapper requests = JsonMapper.builder()
            .addModule(new SimpleModule().addDeserializer(String.class, new UnicodeTextDeserializer())).build();

    record Comment(String body, List<String> types) {
    }

    @Test
    void half_of_a_surrogate_pair_is_refused_in_a_field_and_in_a_list() {
        assertThatThrownBy(() -> requests.readValue("{\"body\":\"before\\ud800after\"}", Comment.class))
                .isInstanceOf(InvalidTextException.class);
        assertThatThrownBy(() -> requests.readValue("{\"body\":\"\\udc00\"}", Comment.class))
                .isInstanceOf(InvalidTextException.class);
        assertThatThrownBy(() -> requests.readValue("{\"types\":[\"ok\",\"\\ude00\\ud83d\"]}", Comment.class))
                .isInstanceOf(InvalidTextException.class);
    }

    @Test
    void any_other_text_is_read_verbatim() {
        String text = "\ud83d\ude00 <script>alert(1)</script> a\u0000b \u202e\u0007";
        Comment read = requests.readValue(new JsonMapper().writeValueAsString(new Comment(text, List.of(text))), Comment.class);
        assertThat(read.body()).isEqualTo(text);
        assertThat(read.types()).containsExactly(text);
    }

    @Test
    void the_answer_is_a_400_naming_the_field() {
        Throwable refused = catchThrowable(() -> requests.readValue("{\"body\":\"\\ud800\"}", Comment.class));
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/consultations/c/comments"));

        new ProblemDetailsExceptionHandler(new JsonMapper()).handle(exchange,
                new ServerWebInputException("Failed to read HTTP message", null, new DecodingException("JSON decoding error", refused))).block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(exchange.getResponse().getBodyAsString().block())
                .contains("\"field\":\"body\"").contains(UnicodeTextDeserializer.MESSAGE);
    }

    @Test
    void every_service_reads_its_request_bodies_this_way() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, CodecsAutoConfiguration.class,
                        RequestJsonAutoConfiguration.class))
                .run(context -> assertThat(context.getBeansOfType(CodecCustomizer.class)).containsKey("unicodeTextRequestBodies"));
    }
}
