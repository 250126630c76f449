// Economics module (in progress)
