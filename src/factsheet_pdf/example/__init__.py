"""The example workspace that `factsheet init` copies: the repository's content/, locales/ and sites/."""
