"""One module per command: each turns parsed options into a call to the core."""
