package org.concord.system;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks docker-compose.yml and the services' Dockerfiles by reading them, since no Docker engine runs
 * in the build: a deployment must get a working replica set, one public port and consistent settings.
 */
class DockerComposeFileTest {

    private static final List<String> MONGO_MEMBERS = List.of("mongo1", "mongo2", "mongo3");
    private static final List<String> CONCORD_SERVICES = List.of("command-side", "query-side", "api-gateway");
    private static final String INTERNAL_SECRET_FROM_HOST = "${CONCORD_INTERNAL_SECRET:?set CONCORD_INTERNAL_SECRET}";
    private static final String ROOT_PASSWORD_FROM_HOST = "${CONCORD_MONGO_ROOT_PASSWORD:?set CONCORD_MONGO_ROOT_PASSWORD}";
    private static final String SERVICES_PASSWORD_FROM_HOST = "${CONCORD_MONGO_PASSWORD:?set CONCORD_MONGO_PASSWORD}";
    private static final List<String> MONGODB_CLIENTS = List.of("command-side", "query-side", "web-ui");

    private final Path root = Path.of(System.getProperty("concord.root", "..")).toAbsolutePath().normalize();
    private final Map<String, Object> compose = loadCompose();
    private final Map<String, Object> services = asMap(compose.get("services"));

    @Test
    void the_replica_set_has_three_members_each_with_its_own_data_volume_and_a_ping_health_check() {
        Map<String, Object> namedVolumes = asMap(compose.get("volumes"));
        List<String> dataVolumes = new ArrayList<>();
        for (String member : MONGO_MEMBERS) {
            Map<String, Object> service = service(member);
            assertThat(service.get("image")).as(member + " image").isEqualTo("mongo:7.0");
            assertThat(command(member)).as(member + " command")
                    .startsWith("mongod").contains("--replSet rs0").contains("--bind_ip_all");
            String dataVolume = volumeMountedAt(member, "/data/db");
            assertThat(namedVolumes).as("named volumes").containsKey(dataVolume);
            dataVolumes.add(dataVolume);
            assertThat(healthCheck(member)).as(member + " health check")
                    .contains("mongosh").contains("db.adminCommand('ping').ok");
        }
        assertThat(dataVolumes).as("each member keeps its data in its own volume").doesNotHaveDuplicates();
    }

    @Test
    void the_init_service_runs_once_after_all_three_members_are_healthy() {
        Map<String, Object> init = service("mongo-init");
        assertThat(init.get("image")).isEqualTo("mongo:7.0");
        assertThat(init.get("restart")).as("a one-shot service is not restarted").isEqualTo("no");
        for (String member : MONGO_MEMBERS) {
            assertThat(dependencyCondition("mongo-init", member)).as("mongo-init waits for " + member)
                    .isEqualTo("service_healthy");
        }
    }

    @Test
    void the_init_service_initiates_rs0_with_all_three_members_only_when_not_yet_initiated() {
        String script = command("mongo-init");
        assertThat(script).contains("mongosh");
        int initiate = script.indexOf("rs.initiate(");
        assertThat(initiate).as("rs.initiate is called").isNotNegative();
        String initiation = script.substring(initiate);
        assertThat(initiation).containsPattern("_id:\\s*['\"]rs0['\"]");
        for (String member : MONGO_MEMBERS) {
            assertThat(initiation).as("members of rs0").contains("'" + member + ":27017'");
        }
        assertThat(script.indexOf("rs.status()")).as("rs.status() is checked before initiating")
                .isNotNegative().isLessThan(initiate);
    }

    @Test
    void each_concord_service_is_built_from_its_own_dockerfile_with_the_repository_as_context() {
        for (String name : CONCORD_SERVICES) {
            Map<String, Object> build = asMap(service(name).get("build"));
            assertThat(build.get("context")).as(name + " build context").isEqualTo(".");
            assertThat(build.get("dockerfile")).as(name + " Dockerfile").isEqualTo(name + "/Dockerfile");
            assertThat(root.resolve(name + "/Dockerfile")).as(name + " Dockerfile on disk").isRegularFile();
        }
    }

    @Test
    void only_the_gateway_is_published_on_port_8080_and_only_grafana_besides_it_on_the_hosts_loopback() {
        List<String> published = services.keySet().stream()
                .filter(name -> service(name).get("ports") != null)
                .toList();
        // Grafana, started only with the "monitoring" profile (MonitoringKitTest), is the one exception: the
        // operator needs its pages, and it is bound to 127.0.0.1 so that other machines cannot reach it
        assertThat(published).containsExactlyInAnyOrder("api-gateway", "grafana");
        assertThat(service("api-gateway").get("ports")).isEqualTo(List.of("8080:8080"));
        assertThat(service("grafana").get("ports")).isEqualTo(List.of("127.0.0.1:3000:3000"));
    }

    @Test
    void the_command_and_query_sides_use_the_concord_database_on_all_three_replica_set_members() {
        for (String name : List.of("command-side", "query-side")) {
            String uri = environment(name).get("CONCORD_MONGODB_URI");
            assertThat(uri).as(name + " CONCORD_MONGODB_URI").isNotNull().startsWith("mongodb://");
            String afterUser = uri.substring("mongodb://".length());
            String afterScheme = afterUser.substring(afterUser.lastIndexOf('@') + 1);
            int slash = afterScheme.indexOf('/');
            assertThat(slash).as(name + " URI names a database").isPositive();
            assertThat(afterScheme.substring(0, slash).split(","))
                    .as(name + " URI hosts").containsExactlyInAnyOrder("mongo1:27017", "mongo2:27017", "mongo3:27017");
            String[] databaseAndOptions = afterScheme.substring(slash + 1).split("\\?", 2);
            assertThat(databaseAndOptions[0]).as(name + " database").isEqualTo("concord");
            assertThat(databaseAndOptions).as(name + " URI options").hasSize(2);
            assertThat(databaseAndOptions[1].split("&")).as(name + " URI options").contains("replicaSet=rs0");
        }
    }

    @Test
    void mongodb_requires_authentication_and_its_members_share_a_keyfile_made_once_for_the_mongodb_user_alone() {
        Map<String, Object> keyfile = service("mongo-keyfile");
        assertThat(keyfile.get("restart")).as("a one-shot service").isEqualTo("no");
        assertThat(volumeMountedAt("mongo-keyfile", "/keyfile")).isEqualTo("mongo-keyfile");
        assertThat(asMap(compose.get("volumes"))).containsKey("mongo-keyfile");
        assertThat(command("mongo-keyfile"))
                .contains("if [ ! -s /keyfile/rs0.key ]").contains("/dev/urandom")
                .contains("mv /keyfile/rs0.key.new /keyfile/rs0.key")
                .contains("chown 999:999 /keyfile/rs0.key").contains("chmod 400 /keyfile/rs0.key");
        for (String member : MONGO_MEMBERS) {
            assertThat(command(member)).as(member + " command").contains("--keyFile /etc/mongo-keyfile/rs0.key");
            assertThat(((List<?>) service(member).get("volumes")).stream().map(String::valueOf).toList())
                    .as(member + " volumes").contains("mongo-keyfile:/etc/mongo-keyfile:ro");
            assertThat(dependencyCondition(member, "mongo-keyfile")).isEqualTo("service_completed_successfully");
            assertThat(environment(member)).as(member + ": its root user, made at its first start")
                    .containsEntry("MONGO_INITDB_ROOT_USERNAME", "root")
                    .containsEntry("MONGO_INITDB_ROOT_PASSWORD", ROOT_PASSWORD_FROM_HOST);
        }
    }

    @Test
    void mongo_init_signs_in_as_root_without_a_password_on_its_command_line() {
        assertThat(environment("mongo-init")).containsEntry("CONCORD_MONGO_ROOT_PASSWORD", ROOT_PASSWORD_FROM_HOST)
                .containsEntry("CONCORD_MONGO_PASSWORD", SERVICES_PASSWORD_FROM_HOST);
        List<?> command = (List<?>) service("mongo-init").get("command");
        String script = String.valueOf(command.get(command.size() - 1));
        assertThat(command.subList(0, command.size() - 1)).as("mongosh's arguments")
                .noneMatch(argument -> String.valueOf(argument).toLowerCase().contains("password"));
        assertThat(script.indexOf("auth('root', process.env.CONCORD_MONGO_ROOT_PASSWORD)"))
                .as("authenticated before rs.status()").isNotNegative().isLessThan(script.indexOf("rs.status()"));
    }

    @Test
    void the_services_connect_as_a_user_that_may_only_read_and_write_concords_two_databases() {
        for (String name : MONGODB_CLIENTS) {
            URI uri = URI.create(environment(name).get("CONCORD_MONGODB_URI")
                    .replace(SERVICES_PASSWORD_FROM_HOST, "PASSWORD").replace(",mongo2:27017,mongo3:27017", ""));
            assertThat(uri.getUserInfo()).as(name + " user").isEqualTo("concord:PASSWORD");
            assertThat(uri.getQuery().split("&")).as(name + " URI options").contains("authSource=admin");
        }
        String script = command("mongo-init");
        int created = script.indexOf("createUser(Object.assign({user: 'concord'}, services))");
        assertThat(created).as("mongo-init creates the user concord").isNotNegative();
        assertThat(script.indexOf("replica set rs0 has a primary")).as("on a set that takes writes").isLessThan(created);
        assertThat(script).contains("updateUser('concord', services)").contains("pwd: process.env.CONCORD_MONGO_PASSWORD");
        List<String> roles = Pattern.compile("role:\\s*'([^']+)',\\s*db:\\s*'([^']+)'").matcher(script).results()
                .map(role -> role.group(1) + "@" + role.group(2)).toList();
        assertThat(roles).as("the roles of the user concord, and of no one else")
                .containsExactlyInAnyOrder("readWrite@concord", "readWrite@concord-web-sessions");
    }

    @Test
    void the_gateway_has_no_mongodb_uri_and_reaches_the_backends_by_service_name_and_port() {
        Map<String, String> gateway = environment("api-gateway");
        assertThat(gateway.keySet()).as("gateway settings").noneMatch(key -> key.contains("MONGO"));
        assertThat(gateway.values()).as("gateway settings").noneMatch(value -> value.startsWith("mongodb"));

        URI commandSide = URI.create(gateway.get("CONCORD_GATEWAY_COMMAND_SIDE_URI"));
        URI querySide = URI.create(gateway.get("CONCORD_GATEWAY_QUERY_SIDE_URI"));
        assertThat(commandSide).isEqualTo(URI.create("http://command-side:8081"));
        assertThat(querySide).isEqualTo(URI.create("http://query-side:8082"));
        assertThat(environment("command-side").get("SERVER_PORT")).isEqualTo(String.valueOf(commandSide.getPort()));
        assertThat(environment("query-side").get("SERVER_PORT")).isEqualTo(String.valueOf(querySide.getPort()));
        assertThat(environment("api-gateway").get("SERVER_PORT")).isEqualTo("8080");
    }

    @Test
    void the_workspace_is_reached_through_the_gateway_and_holds_no_internal_secret() {
        Map<String, String> workspace = environment("web-ui");
        assertThat(service("web-ui").get("ports")).as("web-ui is not published").isNull();
        assertThat(workspace).as("web-ui is a client of the public API only").doesNotContainKey("CONCORD_INTERNAL_SECRET");
        assertThat(workspace.get("CONCORD_WEB_GATEWAY_URI")).isEqualTo("http://api-gateway:8080");
        assertThat(workspace.get("CONCORD_WEB_SESSIONS_DATABASE")).isEqualTo("concord-web-sessions");
        assertThat(URI.create(environment("api-gateway").get("CONCORD_GATEWAY_WEB_UI_URI")))
                .isEqualTo(URI.create("http://web-ui:" + workspace.get("SERVER_PORT")));
        assertThat(healthCheck("web-ui")).contains("http://localhost:" + workspace.get("MANAGEMENT_SERVER_PORT") + "/actuator/health");
        assertThat(asMap(service("web-ui").get("build")).get("dockerfile")).isEqualTo("web-ui/Dockerfile");
    }

    @Test
    void the_gateway_requires_an_admin_token_and_keeps_its_data_in_a_named_volume() {
        Map<String, String> gateway = environment("api-gateway");
        assertThat(gateway.get("CONCORD_ADMIN_TOKEN")).isEqualTo("${CONCORD_ADMIN_TOKEN:?set CONCORD_ADMIN_TOKEN}");
        assertThat(gateway.get("CONCORD_DATA_DIR")).isEqualTo("/data");
        assertThat(asMap(compose.get("volumes"))).containsKey(volumeMountedAt("api-gateway", "/data"));
    }

    @Test
    void all_three_services_get_the_same_internal_secret_required_from_the_host() {
        for (String name : CONCORD_SERVICES) {
            Map<String, String> environment = environment(name);
            assertThat(environment.get("CONCORD_INTERNAL_SECRET")).as(name + " CONCORD_INTERNAL_SECRET")
                    .isEqualTo(INTERNAL_SECRET_FROM_HOST);
            assertThat(environment.get("AXONIQ_UPDATE_CHECKER_DISABLED")).as(name).isEqualTo("true");
        }
    }

    @Test
    void every_long_running_service_has_a_health_check_and_the_concord_services_check_their_actuator_port() {
        List<String> longRunning = services.keySet().stream()
                .filter(name -> !"no".equals(service(name).get("restart")))
                .toList();
        assertThat(longRunning).containsAll(MONGO_MEMBERS).containsAll(CONCORD_SERVICES);
        for (String name : longRunning) {
            assertThat(healthCheck(name)).as(name + " health check").isNotBlank();
        }
        for (String name : CONCORD_SERVICES) {
            assertThat(healthCheck(name)).as(name + " health check")
                    .contains("http://localhost:" + actuatorPort(name) + "/actuator/health");
        }
    }

    @Test
    void every_services_health_and_metrics_are_on_a_management_port_that_is_not_published() {
        for (String name : CONCORD_SERVICES) {
            String managementPort = environment(name).get("MANAGEMENT_SERVER_PORT");
            assertThat(managementPort).as(name + " MANAGEMENT_SERVER_PORT").isNotBlank()
                    .isNotEqualTo(environment(name).get("SERVER_PORT"));
            Object ports = service(name).get("ports");
            assertThat(ports == null ? List.of() : (List<?>) ports).as(name + " published ports")
                    .noneMatch(port -> String.valueOf(port).contains(managementPort));
        }
        Map<String, String> gateway = environment("api-gateway");
        for (String side : List.of("command-side", "query-side", "web-ui")) {
            String variable = "CONCORD_GATEWAY_MANAGEMENT_" + side.toUpperCase().replace('-', '_') + "_URI";
            assertThat(gateway.get(variable)).as(variable).isEqualTo("http://" + side + ":" + environment(side).get("MANAGEMENT_SERVER_PORT"));
        }
    }

    @Test
    void the_services_listen_on_every_address_of_their_container_which_publishes_only_the_gateways_port() {
        for (String name : List.of("command-side", "query-side", "web-ui")) {
            assertThat(environment(name).get("SERVER_ADDRESS")).as(name + " SERVER_ADDRESS").isEqualTo("0.0.0.0");
            assertThat(service(name).get("ports")).as(name + " is not published").isNull();
        }
        assertThat(environment("api-gateway").get("MANAGEMENT_SERVER_ADDRESS")).isEqualTo("0.0.0.0");
    }

    /** The port a service answers /actuator on: its management port. */
    private String actuatorPort(String name) {
        return environment(name).get("MANAGEMENT_SERVER_PORT");
    }

    @Test
    void the_services_start_after_the_replica_set_and_the_gateway_after_healthy_backends() {
        for (String name : CONCORD_SERVICES) {
            assertThat(dependencyCondition(name, "mongo-init")).as(name + " waits for mongo-init")
                    .isEqualTo("service_completed_successfully");
            assertThat(service(name).get("restart")).as(name + " restart policy").isEqualTo("unless-stopped");
        }
        assertThat(dependencyCondition("api-gateway", "command-side")).isEqualTo("service_healthy");
        assertThat(dependencyCondition("api-gateway", "query-side")).isEqualTo("service_healthy");
    }

    @Test
    void the_scale_file_adds_a_second_instance_of_each_side_exactly_like_the_first_and_the_gateway_balances_over_both() {
        Map<String, Object> scaled = asMap(load("docker-compose.scale.yml").get("services"));
        for (String side : List.of("command-side", "query-side")) {
            assertThat(scaled.get(side + "-2")).as(side + "-2 is defined as " + side + " is").isEqualTo(services.get(side));
        }
        Map<String, Object> gateway = asMap(scaled.get("api-gateway"));
        Map<String, Object> lists = asMap(gateway.get("environment"));
        for (String side : List.of("command-side", "query-side")) {
            String port = environment(side).get("SERVER_PORT");
            String variable = "CONCORD_GATEWAY_" + side.toUpperCase().replace('-', '_') + "_URI";
            assertThat(String.valueOf(lists.get(variable)).split(",")).as(variable)
                    .containsExactly("http://" + side + ":" + port, "http://" + side + "-2:" + port);
            String managementPort = environment(side).get("MANAGEMENT_SERVER_PORT");
            String managementVariable = "CONCORD_GATEWAY_MANAGEMENT_" + side.toUpperCase().replace('-', '_') + "_URI";
            assertThat(String.valueOf(lists.get(managementVariable)).split(",")).as(managementVariable)
                    .containsExactly("http://" + side + ":" + managementPort, "http://" + side + "-2:" + managementPort);
            assertThat(String.valueOf(asMap(asMap(gateway.get("depends_on")).get(side + "-2")).get("condition")))
                    .as("the gateway waits for " + side + "-2").isEqualTo("service_healthy");
        }
    }

    /**
     * Every query side may build the verifiable log, so all must sign with one key and commit with one secret: the
     * directory each is configured to keep them in (query-side's {@code concord.log.directory}, resolved with the
     * service's environment, or {@code CONCORD_LOG_DIRECTORY}) must be one named volume, the same for all, written.
     */
    @Test
    void every_query_side_keeps_the_logs_key_in_one_named_volume_mounted_at_its_log_directory() {
        Map<String, Object> querySides = new LinkedHashMap<>();
        services.forEach((name, definition) -> {
            if (isQuerySide(definition)) {
                querySides.put(name, definition);
            }
        });
        asMap(load("docker-compose.scale.yml").get("services")).forEach((name, definition) -> {
            if (isQuerySide(definition)) {
                querySides.put(name, definition);
            }
        });
        assertThat(querySides).as("query sides in docker-compose.yml and docker-compose.scale.yml")
                .containsKeys("query-side", "query-side-2");

        String configured = logDirectorySetting();
        Map<String, String> volumes = new LinkedHashMap<>();
        for (Map.Entry<String, Object> querySide : querySides.entrySet()) {
            String name = querySide.getKey();
            Map<String, String> environment = environmentOf(asMap(querySide.getValue()));
            String directory = environment.containsKey("CONCORD_LOG_DIRECTORY") ? environment.get("CONCORD_LOG_DIRECTORY")
                    : resolved(configured, environment, name);
            assertThat(directory).as(name + "'s log directory (from " + configured + ")").startsWith("/");
            List<String> mount = mountAt(name, asMap(querySide.getValue()), directory);
            assertThat(asMap(compose.get("volumes"))).as(name + " mounts a named volume at " + directory).containsKey(mount.get(0));
            assertThat(mount.subList(2, mount.size())).as(name + " writes its first key into it").doesNotContain("ro");
            volumes.put(name, mount.get(0));
        }
        assertThat(new HashSet<>(volumes.values())).as("the log key volume of each query side " + volumes).hasSize(1);
    }

    private static boolean isQuerySide(Object definition) {
        Object build = asMap(definition).get("build");
        return build != null && "query-side/Dockerfile".equals(asMap(build).get("dockerfile"));
    }

    /** {@code concord.log.directory} as query-side's application.yml sets it. */
    private String logDirectorySetting() {
        try (InputStream in = Files.newInputStream(root.resolve("query-side/src/main/resources/application.yml"))) {
            Object directory = asMap(asMap(asMap(new Yaml().load(in)).get("concord")).get("log")).get("directory");
            assertThat(directory).as("concord.log.directory in query-side's application.yml").isNotNull();
            return String.valueOf(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A setting's {@code ${NAME:default}} placeholders resolved against a service's environment. */
    private static String resolved(String setting, Map<String, String> environment, String name) {
        Matcher placeholder = Pattern.compile("\\$\\{([^}:]+)(?::([^}]*))?}").matcher(setting);
        StringBuilder value = new StringBuilder();
        while (placeholder.find()) {
            String replacement = environment.getOrDefault(placeholder.group(1), placeholder.group(2));
            assertThat(replacement).as(name + " sets " + placeholder.group(1)).isNotNull();
            placeholder.appendReplacement(value, Matcher.quoteReplacement(replacement));
        }
        return placeholder.appendTail(value).toString();
    }

    /** The volume mounted at {@code target}, split at its colons: source, target, then any options. */
    private static List<String> mountAt(String name, Map<String, Object> service, String target) {
        Object volumes = service.get("volumes");
        assertThat(volumes).as(name + " volumes").isInstanceOf(List.class);
        return ((List<?>) volumes).stream()
                .map(String::valueOf)
                .map(volume -> List.of(volume.split(":")))
                .filter(parts -> parts.size() >= 2 && parts.get(1).equals(target))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " mounts no volume at " + target));
    }

    @ParameterizedTest
    @ValueSource(strings = {"command-side", "query-side", "api-gateway"})
    void each_dockerfile_builds_its_own_module_with_the_maven_wrapper_in_a_jdk_stage(String module) {
        List<String> build = stages(module).get(0);
        assertThat(build.get(0)).matches("FROM eclipse-temurin:17-jdk AS \\S+");
        assertThat(build).as(module + " build stage").anySatisfy(instruction -> assertThat(instruction)
                .startsWith("RUN ")
                .contains("./mvnw")
                .contains(" package")
                .containsPattern("-pl " + Pattern.quote(module) + "(\\s|$)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"command-side", "query-side", "api-gateway"})
    void each_dockerfile_runs_the_exec_jar_in_a_jre_stage_as_a_non_root_user(String module) {
        List<List<String>> stages = stages(module);
        assertThat(stages).as(module + " stages").hasSizeGreaterThanOrEqualTo(2);
        String buildStage = stages.get(0).get(0).replaceFirst(".* AS ", "");
        List<String> runtime = stages.get(stages.size() - 1);
        assertThat(runtime.get(0)).isEqualTo("FROM eclipse-temurin:17-jre");
        assertThat(runtime).contains("COPY --from=" + buildStage + " /build/" + module + "/target/" + module
                + "-*-exec.jar /app/app.jar");
        assertThat(runtime).contains("ENTRYPOINT [\"java\",\"-XX:MaxRAMPercentage=75\",\"-jar\",\"/app/app.jar\"]");
        assertThat(runtime).contains("EXPOSE " + environment(module).get("SERVER_PORT"));
        List<String> users = runtime.stream().filter(instruction -> instruction.startsWith("USER ")).toList();
        assertThat(users).as(module + " runtime user").isNotEmpty();
        String user = users.get(users.size() - 1).substring("USER ".length()).split(":")[0];
        assertThat(user).as(module + " runtime user").isNotIn("root", "0");
    }

    @Test
    void the_dockerfiles_share_their_build_stage_up_to_the_maven_build() {
        List<List<String>> buildStages = CONCORD_SERVICES.stream()
                .map(module -> stages(module).get(0).stream()
                        .map(instruction -> instruction.replace(module, "<module>"))
                        .toList())
                .toList();
        assertThat(buildStages.get(0)).anyMatch(instruction -> instruction.contains("./mvnw"));
        assertThat(buildStages.get(1)).isEqualTo(buildStages.get(0));
        assertThat(buildStages.get(2)).isEqualTo(buildStages.get(0));
    }

    @Test
    void the_build_context_leaves_out_build_output_local_data_and_git_history() throws IOException {
        List<String> ignored = Files.readAllLines(root.resolve(".dockerignore")).stream().map(String::trim).toList();
        assertThat(ignored).contains("**/target", "data", ".git", ".jqwik-database");
    }

    private Map<String, Object> loadCompose() {
        return load("docker-compose.yml");
    }

    private Map<String, Object> load(String file) {
        try (InputStream in = Files.newInputStream(root.resolve(file))) {
            return asMap(new Yaml().load(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> service(String name) {
        assertThat(services).as("services").containsKey(name);
        return asMap(services.get(name));
    }

    /** The command or health-check test as one string, whether written as a list or as a string. */
    private static String joined(Object commandOrList) {
        if (commandOrList instanceof List<?> parts) {
            return String.join(" ", parts.stream().map(String::valueOf).toList());
        }
        return String.valueOf(commandOrList);
    }

    private String command(String name) {
        Object command = service(name).get("command");
        assertThat(command).as(name + " command").isNotNull();
        return joined(command);
    }

    private String healthCheck(String name) {
        Object healthCheck = service(name).get("healthcheck");
        assertThat(healthCheck).as(name + " health check").isNotNull();
        return joined(asMap(healthCheck).get("test"));
    }

    /** The environment as written in the file, whether as a map or as a list of KEY=VALUE. */
    private Map<String, String> environment(String name) {
        return environmentOf(service(name));
    }

    private static Map<String, String> environmentOf(Map<String, Object> service) {
        Object environment = service.get("environment");
        Map<String, String> variables = new LinkedHashMap<>();
        if (environment instanceof List<?> entries) {
            for (Object entry : entries) {
                String[] keyAndValue = String.valueOf(entry).split("=", 2);
                variables.put(keyAndValue[0], keyAndValue.length == 2 ? keyAndValue[1] : "");
            }
        } else if (environment != null) {
            asMap(environment).forEach((key, value) -> variables.put(key, String.valueOf(value)));
        }
        return variables;
    }

    private String dependencyCondition(String name, String dependency) {
        Map<String, Object> dependsOn = asMap(service(name).get("depends_on"));
        assertThat(dependsOn).as(name + " depends_on").containsKey(dependency);
        return String.valueOf(asMap(dependsOn.get(dependency)).get("condition"));
    }

    private String volumeMountedAt(String name, String target) {
        Object volumes = service(name).get("volumes");
        assertThat(volumes).as(name + " volumes").isInstanceOf(List.class);
        return ((List<?>) volumes).stream()
                .map(String::valueOf)
                .map(volume -> volume.split(":"))
                .filter(parts -> parts.length >= 2 && parts[1].equals(target))
                .map(parts -> parts[0])
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " mounts no volume at " + target));
    }

    /** A Dockerfile's instructions, comments dropped and continued lines joined, grouped into stages. */
    private List<List<String>> stages(String module) {
        List<String> lines;
        try {
            lines = Files.readAllLines(root.resolve(module + "/Dockerfile"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : lines) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            boolean continued = trimmed.endsWith("\\");
            current.append(current.isEmpty() ? "" : " ")
                    .append(continued ? trimmed.substring(0, trimmed.length() - 1).trim() : trimmed);
            if (!continued) {
                instructions.add(current.toString());
                current.setLength(0);
            }
        }
        List<List<String>> stages = new ArrayList<>();
        for (String instruction : instructions) {
            if (instruction.startsWith("FROM ")) {
                stages.add(new ArrayList<>());
            }
            assertThat(stages).as(module + "/Dockerfile starts with FROM").isNotEmpty();
            stages.get(stages.size() - 1).add(instruction);
        }
        return stages;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }
}
