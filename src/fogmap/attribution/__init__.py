"""Attribution: who most likely did an attack nobody has claimed, or that is disputed (issue 7)."""
