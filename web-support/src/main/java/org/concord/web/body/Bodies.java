package org.concord.web.body;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

/** What the filters that read a whole body (to sign it, verify it or keep it for retries) share. */
public final class Bodies {

    private Bodies() {
    }

    /** The readable bytes of a buffer, which is released. */
    public static byte[] bytesOf(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }
}
