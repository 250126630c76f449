// Planning module (in progress)
