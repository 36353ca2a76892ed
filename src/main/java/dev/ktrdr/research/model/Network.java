package dev.ktrdr.research.model;

import dev.ktrdr.research.strategy.ModelType;
import java.util.SplittableRandom;

/**
 * The arithmetic of both models over one flat parameter vector: logistic regression ({@code [w(d),
 * b]}) and a network with one hidden tanh layer ({@code [W1(h×d), b1(h), w2(h), b2]}), each ending
 * in a sigmoid that gives the probability of an up move.
 */
final class Network {
  private final ModelType type;
  private final int inputs;
  private final int hidden;

  Network(ModelType type, int inputs, int hidden) {
    this.type = type;
    this.inputs = inputs;
    this.hidden = type == ModelType.MLP ? hidden : 0;
  }

  int parameterCount() {
    return type == ModelType.MLP ? hidden * inputs + hidden + hidden + 1 : inputs + 1;
  }

  int hidden() {
    return hidden;
  }

  /** Starting parameters: zeros for logistic regression, Xavier-uniform for the network. */
  double[] initialParameters(SplittableRandom random) {
    double[] theta = new double[parameterCount()];
    if (type == ModelType.MLP) {
      double a1 = Math.sqrt(6.0 / (inputs + hidden));
      for (int i = 0; i < hidden * inputs; i++) {
        theta[i] = random.nextDouble(-a1, a1);
      }
      double a2 = Math.sqrt(6.0 / (hidden + 1));
      int w2 = hidden * inputs + hidden;
      for (int i = 0; i < hidden; i++) {
        theta[w2 + i] = random.nextDouble(-a2, a2);
      }
    }
    return theta;
  }

  /** The probability of an up move for standardised features {@code x}. */
  double predict(double[] theta, double[] x) {
    return sigmoid(logit(theta, x, null));
  }

  private double logit(double[] theta, double[] x, double[] hiddenOut) {
    if (type != ModelType.MLP) {
      double z = theta[inputs];
      for (int j = 0; j < inputs; j++) {
        z += theta[j] * x[j];
      }
      return z;
    }
    int b1 = hidden * inputs;
    int w2 = b1 + hidden;
    double z = theta[w2 + hidden];
    for (int k = 0; k < hidden; k++) {
      double a = theta[b1 + k];
      int row = k * inputs;
      for (int j = 0; j < inputs; j++) {
        a += theta[row + j] * x[j];
      }
      double h = Math.tanh(a);
      if (hiddenOut != null) {
        hiddenOut[k] = h;
      }
      z += theta[w2 + k] * h;
    }
    return z;
  }

  /**
   * Adds the gradient of the cross-entropy loss of one example to {@code grad} and returns that
   * example's loss.
   */
  double accumulate(double[] theta, double[] x, int y, double[] grad, double[] scratch) {
    double z = logit(theta, x, scratch);
    double p = sigmoid(z);
    double dz = p - y; // d(loss)/d(logit) for a sigmoid with cross-entropy
    if (type != ModelType.MLP) {
      for (int j = 0; j < inputs; j++) {
        grad[j] += dz * x[j];
      }
      grad[inputs] += dz;
    } else {
      int b1 = hidden * inputs;
      int w2 = b1 + hidden;
      for (int k = 0; k < hidden; k++) {
        double h = scratch[k];
        grad[w2 + k] += dz * h;
        double da = dz * theta[w2 + k] * (1 - h * h);
        grad[b1 + k] += da;
        int row = k * inputs;
        for (int j = 0; j < inputs; j++) {
          grad[row + j] += da * x[j];
        }
      }
      grad[w2 + hidden] += dz;
    }
    return crossEntropy(p, y);
  }

  /** True for parameters that are weights (decayed by L2), false for biases. */
  boolean isWeight(int i) {
    if (type != ModelType.MLP) {
      return i < inputs;
    }
    int b1 = hidden * inputs;
    int w2 = b1 + hidden;
    return i < b1 || (i >= w2 && i < w2 + hidden);
  }

  static double crossEntropy(double p, int y) {
    double q = Math.min(Math.max(p, 1e-12), 1 - 1e-12);
    return y == 1 ? -Math.log(q) : -Math.log(1 - q);
  }

  private static double sigmoid(double z) {
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }
}
