import { Construct } from 'constructs';
import { WindowsServer, WindowsServerProps } from './windows-server';
import { VirtualMachine } from '../compute/virtual-machine';

/**
 * A Windows Server `VirtualMachine`: `WindowsServer.props(...)` applied to the props given, so
 * it boots with EFI Secure Boot and persistent variables, a persistent vTPM, Hyper-V
 * enlightenments, Windows' clock, a tablet, the virtio-win CD-ROM and the root disk first.
 * Every prop of `VirtualMachine` works and wins over its Windows default.
 */
export class WindowsServerVirtualMachine extends VirtualMachine {
  public constructor(scope: Construct, id: string, props: WindowsServerProps) {
    super(scope, id, WindowsServer.props(props));
  }
}
