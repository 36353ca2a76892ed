package dev.ktrdr.research.model;

/** Scales each feature to mean 0 and standard deviation 1, with statistics of the fitting rows. */
record Standardizer(double[] mean, double[] std) {
  static Standardizer fit(double[][] x, int[] rows) {
    int d = x[rows[0]].length;
    double[] mean = new double[d];
    double[] std = new double[d];
    for (int r : rows) {
      for (int j = 0; j < d; j++) {
        mean[j] += x[r][j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= rows.length;
    }
    for (int r : rows) {
      for (int j = 0; j < d; j++) {
        double e = x[r][j] - mean[j];
        std[j] += e * e;
      }
    }
    for (int j = 0; j < d; j++) {
      std[j] = Math.sqrt(std[j] / rows.length);
      if (!(std[j] > 1e-12)) {
        std[j] = 1.0; // a constant feature carries no information; leave it at 0 after centring
      }
    }
    return new Standardizer(mean, std);
  }

  double[] apply(double[] raw) {
    double[] z = new double[raw.length];
    for (int j = 0; j < raw.length; j++) {
      z[j] = (raw[j] - mean[j]) / std[j];
    }
    return z;
  }
}
