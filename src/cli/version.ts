/** memhole's version, as `--version` prints it and as exports name their software. */
export const VERSION = '0.1.0';
