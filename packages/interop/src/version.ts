/** This package's version, written into exported files (ONNX producer_version, tfjs generatedBy). */
export const VERSION = '0.1.0';
