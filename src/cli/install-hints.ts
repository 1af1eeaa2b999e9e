// The CLI names the install hint for the uid it was given (tests inject one); the text lives with qemu-img.
export { qemuImgInstallHint } from '../vmware/qemu-img';
