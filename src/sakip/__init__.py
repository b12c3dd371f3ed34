"""sakip: SAKIP untuk perangkat daerah."""
