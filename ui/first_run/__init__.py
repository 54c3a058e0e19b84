"""First start on a workstation: ask for the station code that prefixes its incident numbers."""
