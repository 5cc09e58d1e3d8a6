// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// An OpenZeppelin ERC-20 with configurable decimals, minted to one holder. The tests deploy
/// it with 6 and 18 decimals and copy one onto a real mainnet token address.
contract TestToken is ERC20 {
    uint8 private immutable _decimals;

    constructor(string memory name_, string memory symbol_, uint8 decimals_, address holder, uint256 amount) ERC20(name_, symbol_) {
        _decimals = decimals_;
        _mint(holder, amount);
    }

    function decimals() public view override returns (uint8) {
        return _decimals;
    }
}
