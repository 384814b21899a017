"""Content shipped with the program (the checklist instrument, icons)."""
