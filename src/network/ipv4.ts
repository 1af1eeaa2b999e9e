// Moved to common/ so validation rules can use the same parsing as the network constructs.
export * from '../common/ipv4';
