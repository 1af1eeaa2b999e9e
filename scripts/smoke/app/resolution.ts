// Both entry points, type-checked under moduleResolution bundler (as .ts) and nodenext (as .mts).
import { VirtualMachine } from 'kubevirt-constructs';
import { ChartDeployment } from 'kubevirt-constructs/pulumi';

export const entryPoints = [VirtualMachine, ChartDeployment];
