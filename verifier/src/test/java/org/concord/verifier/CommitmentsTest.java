package org.concord.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A hidden part's commitment binds its value and salt: the right reveal passes, any other is named. */
class CommitmentsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] SALT = Hex.parse("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    private static final String AUTHOR = "{\"id\":\"u-7\", \"name\":\"Ana\"}";

    private ObjectNode entryHidingTheAuthor() throws Exception {
        ObjectNode entry = (ObjectNode) JSON.readTree("{\"v\":1,\"position\":3,\"payload\":{\"text\":\"hello\"}}");
        ((ObjectNode) entry.get("payload")).putObject("author")
                .put("committed", Commitments.commit(SALT, AUTHOR.getBytes(StandardCharsets.UTF_8)));
        return entry;
    }

    @Test
    void aCommitmentIsTheHashOfSaltThenCanonicalValue() throws Exception {
        byte[] canonical = "{\"id\":\"u-7\",\"name\":\"Ana\"}".getBytes(StandardCharsets.UTF_8);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(SALT);
        sha.update(canonical);
        assertThat(Commitments.commit(SALT, AUTHOR.getBytes(StandardCharsets.UTF_8))).isEqualTo(Hex.of(sha.digest()));
    }

    @Test
    void theTrueValueAndSaltPass() throws Exception {
        JsonNode value = JSON.readTree("{\"name\":\"Ana\",\"id\":\"u-7\"}");
        assertThat(Commitments.check(entryHidingTheAuthor(),
                List.of(new Commitments.Reveal("/payload/author", Hex.of(SALT), value)))).isEmpty();
    }

    @Test
    void anotherValueAnotherSaltOrAnotherPathIsNamed() throws Exception {
        ObjectNode entry = entryHidingTheAuthor();
        JsonNode value = JSON.readTree(AUTHOR);
        JsonNode other = JSON.readTree("{\"id\":\"u-8\",\"name\":\"Ana\"}");
        String otherSalt = Hex.of(new byte[32]);
        assertThat(Commitments.check(entry, List.of(new Commitments.Reveal("/payload/author", Hex.of(SALT), other))))
                .containsExactly("revealed /payload/author: the value and salt do not match the commitment");
        assertThat(Commitments.check(entry, List.of(new Commitments.Reveal("/payload/author", otherSalt, value))))
                .containsExactly("revealed /payload/author: the value and salt do not match the commitment");
        assertThat(Commitments.check(entry, List.of(new Commitments.Reveal("/payload/text", Hex.of(SALT), value))))
                .containsExactly("revealed /payload/text: the entry holds no commitment there");
        assertThat(Commitments.check(entry, List.of(new Commitments.Reveal("/payload/author", "zz", value))))
                .containsExactly("revealed /payload/author: the salt is not hex");
        assertThat(Commitments.check(entry, List.of(new Commitments.Reveal("payload", Hex.of(SALT), value))))
                .containsExactly("revealed payload: not a JSON Pointer");
    }

    /** A RESTRICTED consultation's event hides its type, aggregate and sequence too: a string, a number, maybe null. */
    @Test
    void aCommittedStringNumberOrNullIsCheckedLikeAnObject() throws Exception {
        ObjectNode entry = (ObjectNode) JSON.readTree("{\"v\":1,\"position\":3}");
        entry.putObject("type").put("committed", Commitments.commit(SALT, "\"CommentPostedEvent\"".getBytes(StandardCharsets.UTF_8)));
        entry.putObject("sequence").put("committed", Commitments.commit(SALT, "7".getBytes(StandardCharsets.UTF_8)));
        entry.putObject("aggregateType").put("committed", Commitments.commit(SALT, "null".getBytes(StandardCharsets.UTF_8)));

        assertThat(Commitments.check(entry, List.of(new Commitments.Reveal("/type", Hex.of(SALT), JSON.readTree("\"CommentPostedEvent\"")),
                new Commitments.Reveal("/sequence", Hex.of(SALT), JSON.readTree("7.0")),
                new Commitments.Reveal("/aggregateType", Hex.of(SALT), JSON.readTree("null"))))).isEmpty();
        assertThat(Commitments.check(entry, List.of(new Commitments.Reveal("/sequence", Hex.of(SALT), JSON.readTree("8")))))
                .containsExactly("revealed /sequence: the value and salt do not match the commitment");
    }

    /** A Chatham House author inside a RESTRICTED payload: the author's placeholder is inside the payload's value. */
    @Test
    void aPartInsideARevealedPartIsCheckedInEitherOrder() throws Exception {
        byte[] payloadSalt = Hex.parse("1f1e1d1c1b1a191817161514131211100f0e0d0c0b0a09080706050403020100");
        JsonNode payload = entryHidingTheAuthor().get("payload");
        ObjectNode entry = (ObjectNode) JSON.readTree("{\"v\":1,\"position\":3}");
        entry.putObject("payload").put("committed", Commitments.commit(payloadSalt, JSON.writeValueAsBytes(payload)));
        Commitments.Reveal wholePayload = new Commitments.Reveal("/payload", Hex.of(payloadSalt), payload);
        Commitments.Reveal author = new Commitments.Reveal("/payload/author", Hex.of(SALT), JSON.readTree(AUTHOR));

        assertThat(Commitments.check(entry, List.of(wholePayload, author))).isEmpty();
        assertThat(Commitments.check(entry, List.of(author, wholePayload))).isEmpty();
        assertThat(Commitments.check(entry, List.of(wholePayload,
                new Commitments.Reveal("/payload/author", Hex.of(new byte[32]), JSON.readTree(AUTHOR)))))
                .containsExactly("revealed /payload/author: the value and salt do not match the commitment");
        assertThat(entry.get("payload").has("committed")).as("the entry checked is left as it was").isTrue();
    }
}
