package org.concord.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.core.ResolvableType;
import org.springframework.core.codec.AbstractDataBufferDecoder;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.util.MimeType;

import java.io.IOException;
import java.util.Map;

/**
 * Reads a JSON answer into a Jackson 2 tree for the tests. The services speak Jackson 3, but the tests
 * are a client like any other, and stay on Jackson 2 with the OpenAPI validator ({@link OpenApiContract});
 * Spring's own Jackson 2 codecs are deprecated.
 */
final class JsonTreeDecoder extends AbstractDataBufferDecoder<JsonNode> {

    private static final ObjectMapper JSON = new ObjectMapper();

    JsonTreeDecoder() {
        super(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON, new MediaType("application", "*+json"));
        setMaxInMemorySize(16 * 1024 * 1024);
    }

    @Override
    public boolean canDecode(ResolvableType elementType, MimeType mimeType) {
        return JsonNode.class.isAssignableFrom(elementType.toClass()) && super.canDecode(elementType, mimeType);
    }

    @Override
    public JsonNode decode(DataBuffer buffer, ResolvableType targetType, MimeType mimeType, Map<String, Object> hints) {
        try {
            return JSON.readTree(buffer.asInputStream());
        } catch (IOException e) {
            throw new DecodingException("The answer is not JSON", e);
        } finally {
            DataBufferUtils.release(buffer);
        }
    }
}
