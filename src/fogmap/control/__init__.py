"""Who holds which place: control statements read from text, and the control picture on a date."""
