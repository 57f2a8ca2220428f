"""What a release shows besides the tables: measured quality, the data card, figures, a SQLite copy to browse."""
