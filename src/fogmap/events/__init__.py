"""Events: the ACLED taxonomy, the sub-event classifier, and event records built from a document."""
