package io.github.tsbackfill.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes example under deploy/: every container runs this version's image with arguments our command tree
 * accepts and the connection strings from the example Secret; the copy Job is an indexed Job whose pods expose the
 * metrics port they serve; and every command its comments tell you to run parses too.
 */
class DeployManifestsTest {

    private static final Path KUBERNETES = Path.of(System.getProperty("backfill.deploy", "../deploy"), "kubernetes");
    private static final String IMAGE = "timescaledb-backfill:" + System.getProperty("backfill.version");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static Map<String, JsonNode> manifests() throws IOException {
        Map<String, JsonNode> byName = new HashMap<>();
        try (Stream<Path> files = Files.list(KUBERNETES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                JsonNode doc = YAML.readTree(file.toFile());
                byName.put(doc.get("kind").asText() + "/" + doc.at("/metadata/name").asText(), doc);
            }
        }
        return byName;
    }

    /** Parses {@code args} with the CLI's command tree (not run): unknown options and bad values throw. */
    private static void parses(List<String> args) {
        CliContext context = new CliContext(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                new Environment(Map.of(), Path.of("/nonexistent-home")), false, (graceful, forced) -> () -> { });
        assertThatCode(() -> Cli.commandLine(context).parseArgs(args.toArray(String[]::new)))
                .as("timescaledb-backfill %s", String.join(" ", args)).doesNotThrowAnyException();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void everyContainerRunsThisVersionWithArgumentsTheCliAcceptsAndTheSecretsConnectionStrings() throws IOException {
        Map<String, JsonNode> manifests = manifests();
        JsonNode secret = manifests.get("Secret/timescaledb-backfill");
        assertThat(secret).as("the example Secret").isNotNull();
        assertThat(secret.get("stringData").has("SOURCE_DB")).isTrue();
        assertThat(secret.get("stringData").has("TARGET_DB")).isTrue();

        List<String> commands = new ArrayList<>();
        for (JsonNode job : manifests.values()) {
            if (!job.get("kind").asText().equals("Job")) {
                continue;
            }
            JsonNode pod = job.at("/spec/template/spec");
            assertThat(pod.get("restartPolicy").asText()).isEqualTo("Never");
            List<JsonNode> containers = new ArrayList<>();
            pod.path("initContainers").forEach(containers::add);
            pod.get("containers").forEach(containers::add);
            for (JsonNode container : containers) {
                assertThat(container.get("image").asText()).isEqualTo(IMAGE);
                assertThat(container.at("/envFrom/0/secretRef/name").asText()).isEqualTo("timescaledb-backfill");
                List<String> args = texts(container.get("args"));
                parses(args);
                commands.add(args.get(0));
            }
        }
        assertThat(commands).contains("stage", "copy", "verify", "refresh-caggs", "clean");
    }

    @Test
    void theCopyJobIsAnIndexedJobWhosePodsServeTheMetricsPortTheyDeclare() throws IOException {
        JsonNode job = manifests().get("Job/backfill-copy");
        assertThat(job.at("/spec/completionMode").asText()).isEqualTo("Indexed");
        assertThat(job.at("/spec/parallelism").asInt()).isEqualTo(job.at("/spec/completions").asInt()).isGreaterThan(1);
        JsonNode template = job.at("/spec/template");
        JsonNode container = template.at("/spec/containers/0");
        List<String> args = texts(container.get("args"));
        assertThat(args).startsWith("copy").contains("--pause-policies");
        String port = args.get(args.indexOf("--metrics-port") + 1);
        assertThat(container.at("/ports/0/containerPort").asText()).isEqualTo(port);
        assertThat(template.at("/metadata/annotations/prometheus.io~1port").asText()).isEqualTo(port);
        assertThat(template.at("/spec/terminationGracePeriodSeconds").asInt())
                .as("time for SIGTERM's graceful stop to finish the chunks in progress").isGreaterThanOrEqualTo(60);
    }

    @Test
    void theCommandsTheCommentsTeachParse() throws IOException {
        Pattern command = Pattern.compile("(?m)^#.*?-- timescaledb-backfill ([^#\\n]+)");
        int found = 0;
        try (Stream<Path> files = Files.list(KUBERNETES)) {
            for (Path file : files.toList()) {
                Matcher m = command.matcher(Files.readString(file));
                while (m.find()) {
                    parses(List.of(m.group(1).trim().split("\\s+")));
                    found++;
                }
            }
        }
        assertThat(found).isGreaterThanOrEqualTo(3);
    }
}
