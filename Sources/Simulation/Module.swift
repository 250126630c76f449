// Simulation module (in progress)
