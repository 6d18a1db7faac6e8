package org.concord.web.openapi;

import com.fasterxml.jackson.databind.JavaType;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.oas.models.media.Schema;
import jakarta.annotation.Nullable;
import org.springdoc.core.customizers.PropertyCustomizer;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Says in the OpenAPI document (3.1, JSON Schema 2020-12) that a property marked {@link Nullable} may
 * be {@code null}: a string becomes {@code "type": ["string", "null"]}, a reference to another schema
 * {@code "oneOf": [{"$ref": …}, {"type": "null"}]}. Without it every property reads as never null, and a
 * client generated from the document breaks on the first comment that is no reply.
 */
public final class NullableProperties implements PropertyCustomizer {

    private static final String NULL = "null";

    @Override
    public Schema customize(Schema property, AnnotatedType type) {
        if (property == null || !marked(type.getCtxAnnotations()) || isCollection(type)) {
            return property;
        }
        if (property.getName() != null || property.get$ref() != null) {
            // a named schema is the model itself, referenced from here: the model stays as it is
            String ref = property.get$ref() != null ? property.get$ref() : "#/components/schemas/" + property.getName();
            Schema<Object> nullable = new Schema<>();
            nullable.setOneOf(List.of(new Schema<>().$ref(ref), new Schema<>().types(Set.of(NULL))));
            if (property.getDescription() != null) {
                nullable.setDescription(property.getDescription());
            }
            return nullable;
        }
        Set<String> types = new LinkedHashSet<>();
        if (property.getTypes() != null) {
            types.addAll(property.getTypes());
        } else if (property.getType() != null) {
            types.add(property.getType());
        }
        types.add(NULL);
        property.setTypes(types);
        if (property.getEnum() != null && !property.getEnum().contains(null)) {
            List<Object> values = new ArrayList<>(property.getEnum());
            values.add(null);
            property.setEnum(values);
        }
        return property;
    }

    private static boolean marked(Annotation[] annotations) {
        if (annotations == null) {
            return false;
        }
        for (Annotation annotation : annotations) {
            if (annotation instanceof Nullable) {
                return true;
            }
        }
        return false;
    }

    /** A list or a map is answered empty, never null; and its items must not inherit the mark. */
    private static boolean isCollection(AnnotatedType type) {
        return type.getType() instanceof JavaType javaType && javaType.isContainerType();
    }
}
