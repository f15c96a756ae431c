package io.junction.cli.temporal;

import static io.junction.cli.temporal.WorkflowCommandsTest.assertAligned;
import static io.junction.cli.temporal.WorkflowCommandsTest.assertOneErrorLine;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Namespaces and search attributes against a live Junction server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorCommandsTest {
    private LiveTemporal temporal;
    private Cli cli;

    @BeforeAll
    void start() {
        temporal = new LiveTemporal();
        cli = new Cli(Map.of("TEMPORAL_ADDRESS", temporal.address()));
    }

    @AfterAll
    void stop() throws Exception {
        temporal.close();
    }

    @Test
    void createsDescribesAndListsANamespace() throws Exception {
        var create = cli.run("junction temporal operator namespace create -n orders --retention 5d "
                + "--description 'order processing'");
        var describe = cli.run("junction temporal operator namespace describe -n orders");
        var json = cli.run("junction temporal operator namespace describe -n orders -o json");
        var list = cli.run("junction temporal operator namespace list");

        assertThat(create.exitCode()).as(create.err()).isZero();
        assertThat(create.out()).isEqualTo("Namespace orders successfully registered.\n");
        assertThat("\n" + describe.out())
                .containsPattern("\n  NamespaceInfo.Name +orders\n")
                .containsPattern("\n  NamespaceInfo.State +Registered\n")
                .containsPattern("\n  Config.WorkflowExecutionRetentionTtl +5d\n");
        assertThat(new ObjectMapper()
                        .readTree(json.out())
                        .at("/config/workflowExecutionRetentionTtl")
                        .asText())
                .isEqualTo("432000s");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).containsPattern("\n  orders +Registered +5d +\\S+ +order processing\n");
        assertAligned(list.out(), "Retention", "5d");
    }

    @Test
    void creatingAnExistingNamespaceFailsInOneLine() {
        var run = cli.run("junction temporal operator namespace create -n default");

        assertThat(run.exitCode()).isEqualTo(1);
        assertOneErrorLine(run.err(), "Error: unable to create namespace default: ");
    }

    @Test
    void describingAnUnknownNamespaceFailsInOneLine() {
        var run = cli.run("junction temporal operator namespace describe -n no-such-namespace");

        assertThat(run.exitCode()).isEqualTo(1);
        assertOneErrorLine(run.err(), "Error: unable to describe namespace: ");
    }

    @Test
    void addsAndListsACustomSearchAttribute() {
        var create = cli.run("junction temporal operator search-attribute create --name CustomerId --type Keyword");
        var list = cli.run("junction temporal operator search-attribute list");

        assertThat(create.exitCode()).as(create.err()).isZero();
        assertThat(create.out()).isEqualTo("Search attributes have been added\n");
        assertThat(list.out())
                .containsPattern("\n  CustomerId +Keyword +Custom\n")
                .contains("WorkflowId");
        assertAligned(list.out(), "Type", "Keyword");
    }

    @Test
    void unknownSearchAttributeTypeFailsInOneLine() {
        var run = cli.run("junction temporal operator search-attribute create --name Amount --type Money");

        assertThat(run.exitCode()).isEqualTo(1);
        assertOneErrorLine(run.err(), "Error: unsupported search attribute type: \"Money\"");
    }
}
