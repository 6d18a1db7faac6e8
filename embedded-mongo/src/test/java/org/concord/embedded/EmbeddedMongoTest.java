package org.concord.embedded;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.concord.embedded.EmbeddedMongoLauncher.EmbeddedMongo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedMongoTest {

    @Test
    void data_survives_a_restart_on_the_same_file(@TempDir Path dir) throws Exception {
        EmbeddedMongoSettings settings = new EmbeddedMongoSettings("127.0.0.1", 0, dir.resolve("mongo/concord.mv"));
        try (EmbeddedMongo mongo = EmbeddedMongo.start(settings);
             MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + mongo.port())) {
            client.getDatabase("concord").getCollection("kept").insertOne(new Document("_id", "a").append("n", 1));
        }
        try (EmbeddedMongo mongo = EmbeddedMongo.start(settings);
             MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + mongo.port())) {
            Document kept = client.getDatabase("concord").getCollection("kept").find().first();
            assertThat(kept).isNotNull();
            assertThat(kept.getInteger("n")).isEqualTo(1);
        }
    }

    @Test
    void settings_come_from_the_environment_and_arguments_win() {
        EmbeddedMongoSettings settings = EmbeddedMongoSettings.fromEnvironment(
                Map.of("CONCORD_DATA_DIR", "/srv/concord", "CONCORD_EMBEDDED_MONGO_PORT", "27018"), "--host=0.0.0.0");
        assertThat(settings.host()).isEqualTo("0.0.0.0");
        assertThat(settings.port()).isEqualTo(27018);
        assertThat(settings.file()).isEqualTo(Path.of("/srv/concord/mongo/concord.mv"));
    }

    @Test
    void a_port_that_is_not_a_number_is_refused_with_a_clear_message() {
        assertThatThrownBy(() -> EmbeddedMongoSettings.fromEnvironment(Map.of(), "--port=abc"))
                .hasMessageContaining("Port must be a number");
    }
}
