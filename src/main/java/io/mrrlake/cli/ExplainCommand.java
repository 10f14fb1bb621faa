package io.mrrlake.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.mrrlake.config.ConfigLoader;
import io.mrrlake.config.JobSettings;
import io.mrrlake.explain.ExplainException;
import io.mrrlake.explain.Explainer;
import io.mrrlake.explain.Explanation;
import io.mrrlake.explain.ExplanationJson;
import io.mrrlake.explain.ExplanationText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "explain", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Show why one calculated customer's MRR is what it is: its source customers and merges, each "
                + "line item taken or left out, conversions, cancellations, each movement and the rule that chose it. "
                + "Runs the run's engine on that customer's records; writes nothing.")
public final class ExplainCommand implements Callable<Integer> {

    /** How the explanation is printed. */
    enum Format { text, json }

    @Mixin
    InputOptions in;

    @Option(names = "--customer", required = true, paramLabel = "ID",
            description = "A calculated customer's cus_ UUID, or a source customer's external_id.")
    String customer;

    @Option(names = "--data-source", paramLabel = "UUID|NAME",
            description = "The data source of --customer's external_id, when it is in several.")
    String dataSource;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (for people, 100 columns) or json (one object, for tools). Default: text.")
    Format format;

    @Mixin
    ConfOptions conf;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<String> overrides = new ArrayList<>(conf.overrides());
        in.addTo(overrides);
        JobSettings settings = ConfigLoader.settings(ConfigLoader.load(conf.confFiles, overrides), true, true);
        Explainer explainer = new Explainer(JobRunner.session(settings.sparkProperties()), settings);
        PrintWriter out = spec.commandLine().getOut();
        try {
            Explanation e = explainer.explain(List.of(customer), dataSource).get(0);
            out.print(format == Format.json ? ExplanationJson.render(e) : ExplanationText.render(e));
            out.flush();
            return ExitCodes.OK;
        } catch (ExplainException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("mrrlake: " + e.getMessage());
            err.flush();
            return ExitCodes.RUN_FAILED;
        }
    }
}
