// CapacityModel module (in progress)
