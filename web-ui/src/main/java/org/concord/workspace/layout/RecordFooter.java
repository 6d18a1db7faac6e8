package org.concord.workspace.layout;

import org.concord.verifier.Checkpoint;
import org.concord.workspace.log.LogWitness;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * What every page's footer says of the record: the latest checkpoint of the log that the workspace verified,
 * or plainly that there is none yet, that it could not be checked, or, as a warning, that it failed.
 *
 * @param text       the sentence, in the page's language
 * @param warning    whether it is a warning (a failed check), shown as one
 * @param keyHref    the log's public key
 * @param latestHref the latest checkpoint as the API gives it
 */
public record RecordFooter(String text, boolean warning, String keyHref, String latestHref) {

    static final String KEY = "/api/log/key";
    static final String LATEST = "/api/log/checkpoints/latest";
    private static final int ROOT_SHOWN = 8;

    public static RecordFooter of(LogWitness.Seen seen, Formats formats) {
        Checkpoint checkpoint = seen.checkpoint();
        String text = switch (seen.outcome()) {
            case VERIFIED -> formats.message("record.verified", checkpoint.treeSize(), signedAt(checkpoint, formats),
                    checkpoint.rootHash().substring(0, Math.min(ROOT_SHOWN, checkpoint.rootHash().length())));
            case NONE -> formats.message("record.none");
            case UNAVAILABLE -> formats.message("record.unavailable");
            case BAD_SIGNATURE -> formats.message("record.badSignature", checkpoint.treeSize(), signedAt(checkpoint, formats));
            case INCONSISTENT -> formats.message("record.inconsistent", checkpoint.treeSize(), signedAt(checkpoint, formats),
                    seen.verified().treeSize());
            case BAD_KEY -> formats.message("record.badKey");
        };
        boolean warning = switch (seen.outcome()) {
            case BAD_SIGNATURE, INCONSISTENT, BAD_KEY -> true;
            case VERIFIED, NONE, UNAVAILABLE -> false;
        };
        return new RecordFooter(text, warning, KEY, LATEST);
    }

    /** When the checkpoint says it was signed, in the page's language; as written when it is no instant. */
    private static String signedAt(Checkpoint checkpoint, Formats formats) {
        if (checkpoint.timestamp() == null) {
            return "?";
        }
        try {
            return formats.dateTimeToTheSecond(Instant.parse(checkpoint.timestamp()));
        } catch (DateTimeParseException e) {
            return checkpoint.timestamp();
        }
    }
}
