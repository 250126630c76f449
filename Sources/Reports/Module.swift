// Reports module (in progress)
