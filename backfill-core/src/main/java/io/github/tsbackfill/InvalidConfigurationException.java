package io.github.tsbackfill;

/** A configuration or request option is missing or invalid; the message names the option. */
public class InvalidConfigurationException extends BackfillException {

    private static final long serialVersionUID = 1L;

    private final String option;

    public InvalidConfigurationException(String option, String problem) {
        super(Kind.INVALID_INPUT, option + ": " + problem);
        this.option = option;
    }

    /** The option at fault, as the CLI spells it (e.g. {@code --until}). */
    public String option() {
        return option;
    }
}
