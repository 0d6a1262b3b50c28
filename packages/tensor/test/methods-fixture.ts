// Tensor methods come from three packages: tensor's own table, then activations' and autograd's, registered on import.
export * from '@rectify/tensor';
export { relu6 as relu6Placeholder } from '@rectify/activations';
import '@rectify/autograd';
