// ml-logistic-regression ships no types; the benchmark uses only load() and its binary classifier's train().
declare module "ml-logistic-regression" {
  import type { Matrix } from "ml-matrix";
  export default class LogisticRegression {
    constructor(options?: { numSteps?: number; learningRate?: number });
    /** The one-vs-all wrapper; `classifiers` are its binary (two-class) gradient-ascent classifiers. */
    classifiers: Array<{ train(X: Matrix, y: Matrix): void; weights: Matrix }>;
    train(X: Matrix, Y: Matrix): void;
    static load(model: { name: "LogisticRegression"; numberClasses: number; classifiers: Array<{ numSteps: number; learningRate: number }> }): LogisticRegression;
  }
}
