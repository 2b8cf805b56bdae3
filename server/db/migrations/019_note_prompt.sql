-- Prompts are real (issue 12, item 4): a note written in a silent phase keeps the prompt it was
-- filed under (one of the phase's `settings.prompts`, as its text) until reveal writes it to the board.
ALTER TABLE hidden_note ADD COLUMN prompt text CHECK (prompt IS NULL OR length(prompt) <= 800);
