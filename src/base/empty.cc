// Placeholder translation unit for targets assembled from other libraries.
