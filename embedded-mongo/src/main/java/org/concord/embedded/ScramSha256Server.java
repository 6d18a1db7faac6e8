package org.concord.embedded;

import com.ongres.scram.common.ClientFirstMessage;
import com.ongres.scram.common.ScramFunctions;
import com.ongres.scram.common.ScramMechanism;
import com.ongres.scram.common.ServerFinalMessage;
import com.ongres.scram.common.ServerFirstMessage;
import com.ongres.scram.common.StringPreparation;
import com.ongres.scram.common.exception.ScramParseException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The server side of SCRAM-SHA-256 (RFC 5802, RFC 7677) for one user and password, as MongoDB drivers speak it
 * in {@code saslStart} and {@code saslContinue}. Only the stored and server keys are kept, not the password.
 */
final class ScramSha256Server {

    static final String MECHANISM = "SCRAM-SHA-256";
    private static final ScramMechanism SHA_256 = ScramMechanism.SCRAM_SHA_256;
    // MongoDB's own default for SCRAM-SHA-256; drivers refuse fewer than 4096
    private static final int ITERATIONS = 15_000;

    private final String user;
    private final String salt;
    private final byte[] storedKey;
    private final byte[] serverKey;
    private final SecureRandom random = new SecureRandom();

    ScramSha256Server(String user, String password) {
        this.user = user;
        byte[] saltBytes = ScramFunctions.salt(16, random);
        this.salt = Base64.getEncoder().encodeToString(saltBytes);
        byte[] saltedPassword = ScramFunctions.saltedPassword(SHA_256, StringPreparation.SASL_PREPARATION,
                password.toCharArray(), saltBytes, ITERATIONS);
        this.storedKey = ScramFunctions.storedKey(SHA_256, ScramFunctions.clientKey(SHA_256, saltedPassword));
        this.serverKey = ScramFunctions.serverKey(SHA_256, saltedPassword);
    }

    /** The state between the client's first message and its final one. */
    record Challenge(String gs2Header, String clientFirstBare, String serverFirst, String nonce) {
    }

    /** Answers the client's first message ({@code n,,n=user,r=nonce}); empty if it is malformed or names another user. */
    Optional<Challenge> challenge(byte[] clientFirstPayload) {
        String clientFirst = new String(clientFirstPayload, StandardCharsets.UTF_8);
        ClientFirstMessage parsed;
        try {
            parsed = ClientFirstMessage.parseFrom(clientFirst);
        } catch (ScramParseException | IllegalArgumentException malformed) {
            return Optional.empty();
        }
        if (parsed.isChannelBindingRequired() || !user.equals(parsed.getUsername())) {
            return Optional.empty();
        }
        int bareStart = clientFirst.indexOf(',', clientFirst.indexOf(',') + 1) + 1;
        ServerFirstMessage serverFirst = new ServerFirstMessage(parsed.getClientNonce(),
                ScramFunctions.nonce(24, random), salt, ITERATIONS);
        return Optional.of(new Challenge(clientFirst.substring(0, bareStart), clientFirst.substring(bareStart),
                serverFirst.toString(), serverFirst.getNonce()));
    }

    /**
     * Checks the client's proof ({@code c=...,r=...,p=...}) and answers with the server's signature
     * ({@code v=...}); empty if the proof is wrong, or the message does not continue the challenge.
     */
    Optional<byte[]> verify(Challenge challenge, byte[] clientFinalPayload) {
        String clientFinal = new String(clientFinalPayload, StandardCharsets.UTF_8);
        int proofAt = clientFinal.lastIndexOf(",p=");
        if (proofAt < 0) {
            return Optional.empty();
        }
        String withoutProof = clientFinal.substring(0, proofAt);
        String expectedChannelBinding = Base64.getEncoder().encodeToString(
                challenge.gs2Header().getBytes(StandardCharsets.UTF_8));
        if (!withoutProof.equals("c=" + expectedChannelBinding + ",r=" + challenge.nonce())) {
            return Optional.empty();
        }
        byte[] proof;
        try {
            proof = Base64.getDecoder().decode(clientFinal.substring(proofAt + ",p=".length()));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        String authMessage = challenge.clientFirstBare() + "," + challenge.serverFirst() + "," + withoutProof;
        byte[] clientSignature = ScramFunctions.clientSignature(SHA_256, storedKey, authMessage);
        if (proof.length != clientSignature.length) {
            return Optional.empty();
        }
        byte[] clientKey = new byte[proof.length];
        for (int i = 0; i < proof.length; i++) {
            clientKey[i] = (byte) (proof[i] ^ clientSignature[i]);
        }
        if (!MessageDigest.isEqual(ScramFunctions.hash(SHA_256, clientKey), storedKey)) {
            return Optional.empty();
        }
        byte[] serverSignature = ScramFunctions.serverSignature(SHA_256, serverKey, authMessage);
        return Optional.of(new ServerFinalMessage(serverSignature).toString().getBytes(StandardCharsets.UTF_8));
    }
}
