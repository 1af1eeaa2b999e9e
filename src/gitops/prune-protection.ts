// Argo CD sync options and Flux's prune switch on objects; the functions live in model/ so that
// every layer (core's namespace protection, storage, network) can use them.
export { ARGO_SYNC_OPTIONS, FLUX_PRUNE, addArgoSyncOptions, protectFromPrune } from '../model/prune-protection';
