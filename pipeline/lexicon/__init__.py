"""Report words that map onto the contract's vocabularies, apart from the code that matches them."""
