// Placement module (in progress)
