package io.junction.temporal.persistence;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import java.io.IOException;

/**
 * Writes protobuf messages inside Junction's JSON state as base64 of their binary form, so the workflow state
 * keeps Temporal's own types without a second schema. A field must be declared with its concrete message type.
 */
final class ProtoModule extends SimpleModule {
    ProtoModule() {
        super("temporal-protobuf");
        addSerializer(Message.class, new MessageSerializer());
    }

    @Override
    public void setupModule(SetupContext context) {
        super.setupModule(context);
        context.addDeserializers(new MessageDeserializers());
    }

    private static final class MessageSerializer extends StdSerializer<Message> {
        MessageSerializer() {
            super(Message.class);
        }

        @Override
        public void serialize(Message value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeBinary(value.toByteArray());
        }
    }

    private static final class MessageDeserializers extends Deserializers.Base {
        @Override
        public JsonDeserializer<?> findBeanDeserializer(
                JavaType type, DeserializationConfig config, BeanDescription description) {
            if (!Message.class.isAssignableFrom(type.getRawClass())) {
                return null;
            }
            return new MessageDeserializer(defaultInstance(type.getRawClass()));
        }

        private static Message defaultInstance(Class<?> type) {
            try {
                return (Message) type.getMethod("getDefaultInstance").invoke(null);
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("not a generated protobuf message: " + type.getName(), e);
            }
        }
    }

    private static final class MessageDeserializer extends JsonDeserializer<Message> {
        private final Message prototype;

        MessageDeserializer(Message prototype) {
            this.prototype = prototype;
        }

        @Override
        public Message deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            try {
                return prototype.getParserForType().parseFrom(parser.getBinaryValue());
            } catch (InvalidProtocolBufferException e) {
                throw context.weirdStringException(parser.getText(), prototype.getClass(), e.getMessage());
            }
        }
    }
}
